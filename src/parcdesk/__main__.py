from parcdesk.cli.main import main

raise SystemExit(main())
