// The Notebooks target; its issue fills it in.
