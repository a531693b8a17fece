"""Use cases shared by the web pages, the JSON API and the CLI: plan, save, restore, share."""
