// The ModelServer target; its issue fills it in.
