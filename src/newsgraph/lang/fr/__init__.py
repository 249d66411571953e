"""French: the word lists, gazetteers and boilerplate patterns the components read, by component folder."""
