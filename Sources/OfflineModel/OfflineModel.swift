// The OfflineModel target; its issue fills it in.
