"""Shared by the benchmark scripts: realistic mixed Chinese/English text, generated reproducibly."""

from __future__ import annotations

import random
from pathlib import Path

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


def make_workbook(path: Path, rows: int, *, seed: int = 42, numbered: bool = False) -> None:
    """An xlsx with prompt/completion columns of ~200 mixed characters per cell. ``numbered`` starts each prompt
    with its row number, so prompts stay distinct (what prepare_data expects of real data)."""
    import openpyxl  # noqa: PLC0415 - only the scripts that write a workbook pay for it

    rng = random.Random(seed)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("data")
    sheet.append(["prompt", "completion"])
    for row in range(rows):
        prompt = f"{row + 1}. {mixed_text(rng, 195)}" if numbered else mixed_text(rng, 200)
        sheet.append([prompt, mixed_text(rng, 200)])
    workbook.save(path)
