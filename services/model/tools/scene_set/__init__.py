"""The real-image scene set: photos read out of Debian packages (manifest.json) and composite frames."""
