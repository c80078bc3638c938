"""Cultural exchanges between a Russian region and the regions of Kazakhstan: a reproducible study."""
