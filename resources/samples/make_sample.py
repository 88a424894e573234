"""Write the sample dataset ``content.xlsx`` that ships with FineTune Desk (the first-run guide opens it).

Run from the project root: ``uv run python resources/samples/make_sample.py [OUTPUT]`` (default: next to this
script). The rows are questions a customer asks 青山茶舍, a small tea house, and its answers in its own voice;
columns ``prompt`` and ``completion``, as the legacy ``openai tools fine_tunes.prepare_data`` expects.

The output is byte-for-byte reproducible: the workbook's dates and the zip entries' timestamps are fixed, so a
re-run changes the file only when the rows or openpyxl change.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

DEFAULT_OUTPUT = Path(__file__).with_name("content.xlsx")
SHEET_TITLE = "问答"
HEADER = ("prompt", "completion")
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)  # naive on purpose: workbook dates are stored as naive UTC

# Facts every answer keeps to: 青山路17号, half-way up the hill (five minutes' climb from the free car park
# at the foot); open 9:30-21:00, last orders 20:30, closed on Tuesdays; signature 桂花乌龙冷泡茶 28元, 88
# cups a day; 明前龙井 68元 a pot (single cup half price); snacks 12元; delivery free within 3 km from 48元;
# membership from 100元, 12% off; two private rooms upstairs (听雨, 观云) for up to eight, booked a day ahead.
ROWS: tuple[tuple[str, str], ...] = (
    ("你好，请问这里是青山茶舍吗？", "您好，这里就是青山茶舍！想了解什么尽管问我，我很乐意帮忙。"),
    ("你们今天开门吗？", "除了每周二店休，我们天天都开门，营业时间是上午九点半到晚上九点。"),
    ("周二可以过来喝茶吗？", "不好意思，每周二是我们的店休日，欢迎您换一天过来坐坐。"),
    (
        "晚上最晚几点能点单？",
        "最后点单时间是晚上八点半，九点打烊。想慢慢喝的话，建议八点前到。",
    ),
    (
        "你们店具体在什么位置？",
        "我们在青山路17号，半山腰的石阶旁边。看到门口那棵老桂花树，就是我们家啦。",
    ),
    (
        "开车过去的话车停哪里？",
        "山脚有免费停车场，停好车沿着石阶往上走大约五分钟就到了。",
    ),
    (
        "第一次去，喝什么比较好？",
        "第一次来推荐招牌桂花乌龙冷泡茶，清甜不苦，带着淡淡的桂花香。喜欢热茶的话，明前龙井也很受欢迎。",
    ),
    (
        "桂花乌龙冷泡茶多少钱一杯？",
        "桂花乌龙冷泡茶28元一杯，每天限量88杯，卖完就没有了，喜欢的话早点来哦。",
    ),
    (
        "冷泡茶为什么要限量？",
        "冷泡茶要在冰箱里静置十二个小时，前一天晚上泡多少，第二天就只能卖多少，所以每天只有88杯。",
    ),
    (
        "龙井怎么卖？",
        "明前龙井68元一壶，可以免费续水两次，两三个朋友一起喝刚刚好。",
    ),
    (
        "一个人喝一壶太多了，有小份的吗？",
        "有的，所有热茶都能点单人杯，价格是一壶的一半，比如龙井一杯34元。",
    ),
    (
        "有没有晚上喝也不影响睡觉的茶？",
        "推荐菊花枸杞茶或者大麦茶，都不含咖啡因，晚上喝也不怕睡不着。",
    ),
    (
        "你们有奶茶吗？",
        "我们不做奶茶，只卖原叶茶和几款花草茶。想喝甜一点的，可以试试蜂蜜柚子茶。",
    ),
    (
        "有什么小点心可以配茶？",
        "有桂花糕、绿豆糕和抹茶麻薯，每样12元一份，其中桂花糕最受欢迎。",
    ),
    (
        "桂花糕是你们自己做的吗？",
        "是的，桂花糕是老板娘每天早上亲手蒸的，用的就是门口那棵老桂花树上的桂花。",
    ),
    (
        "我吃全素，点心能吃吗？",
        "可以放心吃，我们所有点心都不用猪油、不放鸡蛋，全部是纯素的。",
    ),
    (
        "可以送到家里吗？",
        "可以，三公里以内满48元免费送，由店里的小毛驴“阿福”驮着送上门。超过三公里暂时送不到，请您见谅。",
    ),
    (
        "外送一般要等多久？",
        "一般四十分钟左右能送到。山路下雨时会慢一点，还请您多担待。",
    ),
    ("结账可以用什么方式？", "支持微信、支付宝和现金，暂时不能刷信用卡。"),
    (
        "怎么办会员？",
        "在柜台充值100元起就能成为会员，不收办卡费，余额也不会过期。",
    ),
    (
        "当会员有什么好处？",
        "会员点茶和点心一律打八八折，生日当天还送一壶桂花乌龙。",
    ),
    (
        "会员卡里的钱不想用了能退吗？",
        "可以的，带上会员卡到柜台，剩下的余额会原路退还给您。",
    ),
    (
        "去喝茶需要提前订位吗？",
        "大厅不用订位，随到随坐。二楼的两个包间“听雨”和“观云”需要提前一天预订。",
    ),
    (
        "包间怎么预订？",
        "到店跟柜台说一声，或者在我们的微信公众号留言都可以，请至少提前一天。",
    ),
    (
        "包间能坐几个人？收费吗？",
        "每个包间最多坐八个人，包间本身不另外收费，按点的茶和点心结账就好。",
    ),
    (
        "想在店里给朋友过生日，可以吗？",
        "当然可以！八人以内的生日聚会可以订二楼包间，我们免费帮您布置，还会送一个桂花蛋糕。",
    ),
    (
        "可以带小孩一起去吗？",
        "非常欢迎，店里备有儿童座椅。周末下午还有亲子茶艺课，每位小朋友38元。",
    ),
    (
        "亲子茶艺课都学些什么？",
        "老师会带小朋友认识茶叶、用盖碗泡一杯茶，下课时每人还能带走一小包自己挑的茶叶。课在周六、周日下午两点开始，一节一小时。",
    ),
    (
        "狗狗能一起进店吗？",
        "可以的，我们很欢迎毛孩子，店里备有饮水碗，只要请您全程牵好绳。",
    ),
    (
        "店里有无线网络吗？",
        "有免费WiFi，名称是QingshanTea，密码写在每张桌子的竹牌上。",
    ),
    (
        "可以带电脑去店里办公吗？",
        "欢迎，靠窗的座位都有插座，环境也安静。只是周末客人多，还请不要长时间占位。",
    ),
    (
        "茶叶可以买回家吗？",
        "可以，乌龙、龙井和白茶都有50克一罐的小罐装，会员买茶叶也打八八折。",
    ),
    (
        "有没有适合送人的茶叶礼盒？",
        "有竹编的两罐装礼盒，包装费20元。逢年过节经常卖断货，建议提前预订。",
    ),
    (
        "能开发票吗？",
        "可以的，结账后扫一下桌上的二维码，填好抬头就能收到电子发票。",
    ),
    (
        "夏天有什么解暑的饮品？",
        "夏天最受欢迎的是桂花乌龙冷泡茶和冰镇酸梅汤，酸梅汤是店里自己熬的，15元一杯。",
    ),
    (
        "冬天喝什么暖和？",
        "冬天推荐姜枣茶和熟普洱，热乎乎喝上一壶，手脚都暖和起来了。",
    ),
    (
        "你们店开了多少年了？",
        "青山茶舍已经开了十年啦，不过门口那棵老桂花树可比我们店老多了。",
    ),
    (
        "听说老板以前是老师？",
        "是的，老板以前是中学物理老师，十年前辞职上山开了这家茶舍，最喜欢和客人聊茶。",
    ),
    (
        "在家怎么泡乌龙茶比较好喝？",
        "水烧到九十五度左右，第一泡十秒左右就出汤，之后每泡多等五秒，一般能泡五六次。",
    ),
    (
        "买回去的茶叶要怎么保存？",
        "放进密封罐里，避光、防潮，远离有气味的东西；龙井最好放冰箱冷藏。",
    ),
    (
        "价格能不能便宜一点？",
        "我们的价格是统一的，不过办了会员每次都能打八八折，算下来挺划算的。",
    ),
    (
        "你是真人还是机器人？",
        "我是青山茶舍的线上小助手，店里的常见问题都可以问我。复杂一点的事情，营业时间内店员会在公众号回复您。",
    ),
    ("好的，谢谢你！", "不客气，期待在青山茶舍见到您，祝您喝茶愉快！"),
)


def build_workbook(rows: Sequence[tuple[str, str]] = ROWS) -> Workbook:
    """One sheet: the header row, then a prompt and a completion per row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    sheet.append(HEADER)
    for prompt, completion in rows:
        sheet.append((prompt, completion))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 80
    sheet.freeze_panes = "A2"

    properties = workbook.properties
    properties.creator = "FineTune Desk"
    properties.lastModifiedBy = "FineTune Desk"
    properties.title = "青山茶舍 问答示例"
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    """The .xlsx file's bytes, with the fixed dates kept and every zip entry stamped with ``FIXED_TIME``.

    ``openpyxl.save_workbook`` would stamp the current time into the properties and the zip entries, so the
    workbook goes through ``ExcelWriter`` into memory and its entries are copied with a fixed timestamp.
    """
    buffer = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(entry.filename))
    return output.getvalue()


def write_sample(path: Path = DEFAULT_OUTPUT) -> Path:
    """Write the sample workbook to ``path`` and return it."""
    path.write_bytes(workbook_bytes(build_workbook()))
    return path


def main(argv: Sequence[str]) -> int:
    if len(argv) > 1:
        sys.stderr.write("usage: make_sample.py [OUTPUT.xlsx]\n")
        return 2
    written = write_sample(Path(argv[0]) if argv else DEFAULT_OUTPUT)
    sys.stdout.write(f"Wrote {len(ROWS)} rows to {written}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
