// The CellEngine target; its issue fills it in.
