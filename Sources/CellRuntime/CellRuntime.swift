// The CellRuntime target; its issue fills it in.
