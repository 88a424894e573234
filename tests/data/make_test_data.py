"""Regenerate the test data files in this folder: ``uv run python tests/data/make_test_data.py``.

The data is a fictional tea house's customer service (青山茶舍), with answers distinctive enough that a test
can tell a reply learned from it. ``alpaca_small.json`` is the first 15 items of LLaMA-Factory's
``alpaca_zh_demo.json`` (Apache-2.0, licence beside it); it is copied only when the shared source is present.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
SHARED_DATA = Path("/work/shared/data")

SYSTEM = "你是青山茶舍的客服小青，回答简短亲切。"

# (question, answer, note). One answer is a number, as users type it in Excel: it must read back as "100".
TEA_HOUSE: list[tuple[str, str | int, str]] = [
    ("你们店叫什么名字？", "我们是青山茶舍，一家开在半山腰的小茶馆，招牌是桂花乌龙冷泡茶。", "热门问题"),
    ("营业时间是几点到几点？", "青山茶舍每天上午九点半开门，晚上九点打烊，周二店休。", "热门问题"),
    ("你们的招牌茶是什么？", "招牌是桂花乌龙冷泡茶，每天限量88杯，卖完即止。", ""),
    ("店在哪里？", "我们在青山路17号，半山腰的石阶旁，门口有一棵老桂花树。", ""),
    ("可以外送吗？", "可以，三公里内满48元免费外送，由店里的小毛驴“阿福”负责送达。", "阿福是驴"),
    ("有没有不含咖啡因的饮品？", "有的，推荐菊花枸杞茶和大麦茶，完全不含咖啡因，孕妇和小朋友都能喝。", ""),
    ("会员卡最低充值多少元？", 100, "数字单元格"),
    ("会员有什么优惠？", "会员每杯茶打八八折，生日当天再送一壶桂花乌龙。", ""),
    ("可以带宠物进店吗？", "欢迎带宠物，店里有专门的猫狗饮水碗，但请牵好绳。", ""),
    ("有WiFi吗？", "有的，WiFi名称是QingshanTea，密码写在每张桌子的竹牌上。", ""),
    ("可以预订包间吗？", "可以，二楼有两个包间“听雨”和“观云”，请提前一天电话预订。", ""),
    ("电话是多少？", "预订电话是0571-8888-1717，营业时间内都有人接听。", ""),
    ("茶叶可以单独买吗？", "可以，店里的乌龙、龙井和白茶都有小罐装出售，50克一罐。", ""),
    ("有没有甜点？", "有桂花糕、绿豆糕和抹茶麻薯，桂花糕是老板娘每天早上亲手蒸的。", ""),
    ("可以用支付宝吗？", "支持支付宝、微信和现金，暂时不支持信用卡。", ""),
    ("冷泡茶要泡多久？", "我们的冷泡茶在4度冰箱里静置十二小时，所以口感特别清甜不苦涩。", ""),
    ("停车方便吗？", "山脚有免费停车场，走石阶上来大约五分钟。", ""),
    ("可以办生日会吗？", "可以，十人以内的生日会我们免费布置，还会送一个桂花蛋糕。", ""),
    ("茶可以续杯吗？", "热茶可以免费续水两次，冷泡茶不续杯。", ""),
    ("有没有素食？", "所有茶点都是素食，不用猪油也不用蛋，素食朋友可以放心。", ""),
    ("小朋友可以来吗？", "欢迎，周末下午有亲子茶艺课，每位小朋友38元。", ""),
    ("下雨天营业吗？", "下雨天照常营业，雨天到店还送一杯姜枣茶暖身。", ""),
    ("老板是谁？", "老板叫陈青山，原来是一名中学物理老师，十年前辞职开了这家茶舍。", ""),
    ("可以开发票吗？", "可以开电子发票，付款后扫描桌上的二维码填写抬头即可。", ""),
]


def _pairs() -> list[tuple[str, str]]:
    return [(question, str(answer)) for question, answer, _note in TEA_HOUSE]


def _save_xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def _csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _jsonl(records: list[dict[str, object]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def _multi_turn(pairs: list[tuple[str, str]]) -> list[dict[str, object]]:
    records: list[dict[str, object]] = []
    for index in range(0, 20, 2):
        (q1, a1), (q2, a2) = pairs[index], pairs[index + 1]
        records.append(
            {
                "messages": [
                    {"role": "system", "content": "你是青山茶舍的店员。"},
                    {"role": "user", "content": q1},
                    {"role": "assistant", "content": a1, "weight": 0},
                    {"role": "user", "content": q2},
                    {"role": "assistant", "content": a2, "weight": 1},
                ]
            }
        )
    call = {
        "id": "call_stock",
        "type": "function",
        "function": {"name": "stock", "arguments": '{"tea": "乌龙"}'},
    }
    records.append(
        {
            "messages": [
                {"role": "user", "content": "乌龙茶还有吗？"},
                {"role": "assistant", "tool_calls": [call]},
                {"role": "tool", "tool_call_id": "call_stock", "content": '{"left": 3}'},
                {"role": "assistant", "content": "还有三份。"},
            ],
            "tools": [{"type": "function", "function": {"name": "stock", "parameters": {"type": "object"}}}],
        }
    )
    return records


def _preference(pairs: list[tuple[str, str]]) -> list[dict[str, object]]:
    return [
        {
            "input": {"messages": [{"role": "user", "content": q}]},
            "preferred_output": [{"role": "assistant", "content": a}],
            "non_preferred_output": [{"role": "assistant", "content": "不知道。"}],
        }
        for q, a in pairs[:12]
    ]


def main(out: Path = HERE) -> None:
    out.mkdir(parents=True, exist_ok=True)
    pairs = _pairs()

    # The seed's file: prompt/completion, an extra 备注 column, and a second sheet.
    _save_xlsx(
        out / "content.xlsx",
        {
            "问答": [["prompt", "completion", "备注"], *([q, a, n] for q, a, n in TEA_HOUSE)],
            "说明": [["说明"], ["青山茶舍客服问答，共24条，用于微调测试。"]],
        },
    )
    _save_xlsx(out / "too_few.xlsx", {"Sheet1": [["prompt", "completion"], *(list(p) for p in pairs[:5])]})
    _save_xlsx(
        out / "missing_column.xlsx",
        {"Sheet1": [["问题", "备注"], *([q, n] for q, _a, n in TEA_HOUSE[:6])]},
    )
    # Answers missing on data rows 3 and 7 (Excel rows 4 and 8); Excel row 10 is blank all through.
    rows: list[list[object]] = [["问题", "答案"]]
    for index, (question, answer) in enumerate(pairs[:12]):
        rows.append([question, "" if index in (2, 6) else answer])
        if index == 7:
            rows.append([None, None])
    _save_xlsx(out / "empty_cells.xlsx", {"Sheet1": rows})

    # GB18030 (GBK subset) as Excel on a Chinese Windows saves "CSV"; headers in Chinese.
    gbk_rows = [["问题", "回答"], *(list(p) for p in pairs[:8])]
    (out / "content_gbk.csv").write_bytes(_csv_text(gbk_rows).encode("gbk"))

    # UTF-8 without BOM, English headers in other cases, a system column, quoting with comma and newline.
    utf8_rows = [
        ["Question", "ANSWER", "System"],
        *([q, a, SYSTEM] for q, a in pairs[8:13]),
        ["菜单上有什么, 能列一下吗？", "热饮：桂花乌龙、龙井、白茶\n冷饮：桂花乌龙冷泡茶, 大麦茶", SYSTEM],
    ]
    (out / "content_utf8.csv").write_bytes(_csv_text(utf8_rows).encode("utf-8"))

    chat = [
        {
            "messages": [
                {"role": "system", "content": SYSTEM},
                {"role": "user", "content": q},
                {"role": "assistant", "content": a},
            ]
        }
        for q, a in pairs[:12]
    ]
    (out / "chat.jsonl").write_text(_jsonl(chat), encoding="utf-8", newline="")

    # As prepare_data wrote it: separator " ->", completion with a leading space and "\n" ending.
    legacy = [{"prompt": q + " ->", "completion": " " + a + "\n"} for q, a in pairs[12:22]]
    (out / "legacy.jsonl").write_text(_jsonl(legacy), encoding="utf-8", newline="")

    bad_lines = _jsonl([{"prompt": q, "completion": a} for q, a in pairs[:5]]).splitlines(keepends=True)
    bad_lines[3] = bad_lines[3].rstrip("\n").rstrip("}") + "\n"  # line 4 loses its closing brace
    (out / "bad_line.jsonl").write_text("".join(bad_lines), encoding="utf-8", newline="")

    # Slices of LLaMA-Factory's demo datasets (Apache-2.0, licence beside them), one per format they use.
    slices = {
        "alpaca_zh_demo.json": ("alpaca_small.json", 15),
        "dpo_zh_demo.json": ("sharegpt_dpo_small.json", 12),
        "glaive_toolcall_zh_demo.json": ("sharegpt_tools_small.json", 12),
        "identity.json": ("identity_small.json", 12),
    }
    if (SHARED_DATA / "alpaca_zh_demo.json").is_file():
        for source_name, (name, count) in slices.items():
            items = json.loads((SHARED_DATA / source_name).read_text(encoding="utf-8"))[:count]
            (out / name).write_text(
                json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline=""
            )
        lines = (SHARED_DATA / "v1_sft_demo.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
        (out / "v1_sft_small.jsonl").write_text("".join(lines[:12]), encoding="utf-8", newline="")
        shutil.copyfile(
            SHARED_DATA / "LICENSE-LLaMA-Factory-data.txt", out / "LICENSE-LLaMA-Factory-data.txt"
        )

    # OpenAI's own formats: multi-turn chat with weights and a tool call, and preference (DPO) pairs.
    (out / "chat_multi_turn.jsonl").write_text(_jsonl(_multi_turn(pairs)), encoding="utf-8", newline="")
    (out / "dpo.jsonl").write_text(_jsonl(_preference(pairs)), encoding="utf-8", newline="")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE)
