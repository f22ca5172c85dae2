// The HTTPClient target; its issue fills it in.
