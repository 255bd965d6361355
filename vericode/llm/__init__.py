"""One call to a model through litellm: ``model`` (the only module that imports
litellm), ``retry``, ``cache``, and the call's options in ``types``. Importing this
package is cheap: litellm itself is imported on the first call."""
