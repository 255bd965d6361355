// <vc-description>
// Decide whether character c is an English vowel (a, e, i, o, u), in lower or
// upper case.
// </vc-description>
// <vc-meta>
// difficulty: easy
// tags: strings
// </vc-meta>
// <vc-preamble>
// </vc-preamble>
// <vc-helpers>
// </vc-helpers>
// <vc-spec>
method IsVowel(c: char) returns (b: bool)
  ensures b <==> c in "aeiouAEIOU"
// </vc-spec>
// <vc-code>
{
  b := c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
       c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
}
// </vc-code>
