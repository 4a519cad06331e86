static int Helper() => 7;
