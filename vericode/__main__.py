from vericode.cli.main import main

raise SystemExit(main())
