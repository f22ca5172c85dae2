// The JupyterProtocol target; its issue fills it in.
