"""The study loop built into the site: a catalogue of what can be learned, marks, an Anki deck."""
