"""An OpenRelik worker that runs the pophist CLI on PST, OST and MSG files."""
