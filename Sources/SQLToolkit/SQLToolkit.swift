// The SQLToolkit target; its issue fills it in.
