"""Shared by the benchmark scripts: realistic mixed Chinese/English text, generated reproducibly."""

from __future__ import annotations

import random

CHINESE = "青山茶舍招牌桂花乌龙冷泡茶每天限量外送会员生日包间预订营业时间停车素食甜点发票支付宝微信"
ENGLISH = ["tea", "house", "oolong", "cold", "brew", "member", "delivery", "price", "open", "WiFi"]


def mixed_text(rng: random.Random, length: int) -> str:
    """About 60% Chinese phrases and 40% English words, cut to ``length`` characters."""
    parts: list[str] = []
    size = 0
    while size < length:
        if rng.random() < 0.6:
            piece = "".join(rng.choice(CHINESE) for _ in range(rng.randint(4, 12))) + "，"
        else:
            piece = " ".join(rng.choice(ENGLISH) for _ in range(rng.randint(2, 5))) + " "
        parts.append(piece)
        size += len(piece)
    return "".join(parts)[:length]
