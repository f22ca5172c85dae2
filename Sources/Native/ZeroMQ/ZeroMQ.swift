// The ZeroMQ target; its issue fills it in.
