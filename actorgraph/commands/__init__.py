"""One module per `actorgraph` subcommand: each has add_arguments(parser) and run(args)."""
