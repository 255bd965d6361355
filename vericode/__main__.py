from vericode.cli import main

raise SystemExit(main())
