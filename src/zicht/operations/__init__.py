"""Operating an installation: backups that restore (`zicht backup`, `zicht restore`)."""
