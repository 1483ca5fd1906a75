"""Calls that went nowhere: a test call, a wrong number, a greeting alone, digits or nothing, or
the duty note of such a call ("来电无人说话，十秒后挂断"). They are "other", never urgent.

>>> is_junk("测试号码")
True
>>> is_junk("值班的讲话冲得很，我问一句他就挂了")
False
"""

from __future__ import annotations

import re

__all__ = ["is_junk"]

# Test calls and the like: a few words saying so, digits or nothing at all.
_JUNK_WORDS = re.compile(
    r"测试|试一下|试试|试下|test|打错|拨错|错号|没人说话|无人应答|无声|挂断|挂了|骚扰|喂+|误拨|空号|按错"
    r"|按到了|hello|ok|你好|您好|有人吗|有人不|有人没得?|有没有人|听[得到见][到见得]?[吗没不]|能听到"
    r"|[嗯啊哦噢呃]+|无效|静音|忙音|嘟+|不吭声|不出声|不讲话|未讲话|无应答|即挂|已挂"
    r"|对对+|就这样|哪个|哪位|谁啊|谁呀|微信|图片|表情|语音|转人工"
    # a messaging app's acknowledgements alone ("收到", "已读", "在吗")
    r"|收到|已读|在吗|在不在|在不",
    re.IGNORECASE,
)
# How duty staff note a call that went nowhere: silence, a hang-up, a wrong number, a child at
# the phone, a test of the line.
_WENT_NOWHERE = re.compile(
    r"测试|调试|试机|试一下|试试|演练|打错|拨错|错号|找错|误拨|按错|乱拨|乱按|乱打|玩电话|玩手机"
    r"|无人说话|没人说话|不说话|没有?声音?|无声|听不[到见清]|只有杂音|杂音|挂断|挂了|挂机|响一声"
    r"|骚扰|空号|未接通|没接通|无效来电|无效电话|推销|广告|诈骗|恶作剧|醉酒|喝醉|胡言乱语|说不清"
    r"|信号不好|信号差|断线|掉线|通话中断|嘟+声|忙音|静音|不吭声|不出声|不讲话|未讲话|无人讲话|没人讲话"
    r"|无应答|无人应答|没人应答|无人接听|未说明|录音为空|转写失败|识别失败|无有效内容|按到了"
    r"|不是我们(?:这|这里|单位|供电所)|自拨"
    # A hang-up at once, the caller's own retreat, sounds instead of words, a transcript that
    # failed.
    r"|即挂|不问了|按键音|按键|传真|嘻嘻|嘿嘿嘿|哈哈哈|风声|鸡叫|狗叫|山歌|唱歌"
    r"|无法识别|无法转写|小孩按|小孩玩|孩子玩|童声|模拟来电|无实际内容|培训用例"
    # a transcript that failed, a grid member's check-in or a group's notice with nothing of
    # ours in it ("【语音转文字失败】", "网格员潘 签到", "群公告：明天开会")
    r"|转文字失败|转换失败|签到|打卡|群公告"
    r"|不是(?:他|她|我)[^，,。]{0,4}(?:电话|号码|手机)|想打给|本来要打给|[要想我]打的是"
    # the other side silent; someone sought who is not here ("他不在啊，那我打他手机"); a call
    # that came here by mistake ("她电话咋打到这儿了"); an insurer's or a lender's sales call
    r"|(?:对方|来电人)?(?:未|没有?)(?:说话|出声|开口)|打(?:他|她)的?(?:手机|电话)|(?:他|她)不在(?:啊|呀|哦|吗|$)"
    r"|(?:咋|怎么|怎么会)打到这|打到这(?:儿|里)来了|(?:保险|理财|贷款|投资)公司"
    # Practice, demonstrations, a call put through and lost, nothing in it, a child at play, the
    # number of another place given.
    r"|培训练习|练习录入|录入练习|新员工|演示|转接中断|中断|无内容|内容为空|空白|笑声|哭声|咯咯|告知.{0,4}(?:号码|电话)"
    # "是县医院不？哦，不是啊": a caller who asked for another place and heard no.
    r"|(?:吗|不|嘛|哇|没有|的)(?:哦|噢|啊|呃)?[?？，,]?不是"
    # A phone pressed in a pocket, a child's game, another place sought, a sound alone.
    r"|(?:揣|装|放)(?:在)?(?:兜|口袋|裤兜)|按着了|压着了|打着玩|闹着玩|打来玩"
    r"|(?:小孩|孩子|娃娃?|小娃|伢|小囡|小朋友|细路仔?|细蚊仔)儿?[^，,。]{0,4}(?:拿|玩|按|抢)[^，,。]{0,3}(?:手机|电话)"
    r"|(?:小孩|孩子|娃娃?|小娃|伢|小囡|小朋友|细路仔?|细蚊仔)儿?[^，,。]{0,4}(?:乱按|按着)|拿[^，,。]{0,3}手机玩"
    r"|找[^，,。\s]{1,8}?这不是|只有[^，,。]{0,8}声音?|静默"
    # The duty note's own words ("(儿童，无业务)", "回拨无人接"), a number tried, a sound heard,
    # a salesman.
    r"|无业务|非业务|无事由|回拨[^，,。]{0,3}(?:无人接|没人接|未接)|号码通不通|电话通不通|只听[见到得][^，,。]{0,8}声音?"
    r"|(?:推销|卖)(?:保险|理财|贷款|房子?|楼盘|保健品|茶叶|酒)"
    # A child at the phone, the note said in the child's voice ("(小孩声)阿妈我打通了",
    # "小朋友：喂，我是…").
    r"|(?:小孩|孩子|小朋友|小囡|娃娃|娃儿|童)(?:子)?的?(?:声音?|在唱)|^(?:小朋友|小孩子?|小囡|细路仔?)(?=喂|我是)"
    # …or a child's question noted ("(孩子)我要找…", "小孩问有没有…卖"); a hang-up as it rang
    # through; a message sent here by mistake; speech not understood and the number off; a
    # relative sought; the caller's retreat said twice ("算了算了"); a question answered "no"
    # ("卖不卖化肥？哦不是啊"); the wrong number said so ("不是这个号")
    r"|^(?:小孩|孩子|儿童|小朋友)(?:问|说|我要)"
    r"|即断|接通就断|一接就断|误发|发错|听不懂(?![^，,。]{0,2}普通话)|回拨[^，,。]{0,3}关机"
    r"|找我(?:家|屋)?的?(?:老[大二三四五六七幺]|幺[妹儿女]|爸|妈|哥|姐|弟|妹|儿子|女儿|媳妇|老公|老婆|男人|婆娘)"
    r"|算了算了|[哦噢呃]不是|不是这个号|非(?:电力|供电|用电|本所)业务"
    r"|问(?:下|一下|问)?别人|不是这(?:里|儿)[哦噢啊呀]|招不招(?:人|工)|招(?:人|工)吗"
    # hung up, a machine that dialled, a child who dialled ("囝仔拍的"), a relative not found
    r"|(?<![别莫不要快差点会])挂掉|自动拨出|自动外呼|语音导航|机器人外呼|无人工"
    r"|(?:小孩|孩子|娃娃?|小娃|伢|小囡|小朋友|细路仔?|细蚊仔|囝仔|囡仔)儿?(?:拍|打|拨)的(?![^，,。]{0,6}说)"
    r"|(?<!是)不是我?(?:妈|爸|哥|姐|弟|妹|儿子|女儿|老公|老婆|媳妇|奶奶|爷爷|外婆|阿嬷|阿公)(?:啊|呀|哦|吗|嘛)?$"
)
# What a caller with a wrong number was looking for ("我找县医院的", "是卖化肥的吗") is not the
# station's business: the clause is left out before looking for words of it.
_SOUGHT = re.compile(
    r"(?:要找|找|打给|打到|问)[^，,。；;！!？?\s]{1,10}(?=[，,。；;！!？?\s]|$)"
    r"|是不是[^，,。；;！!？?\s]{1,10}(?=[？?]|$)"
    r"|是[^，,。；;！!？?\s]{1,10}(?:吗|不|嘛)(?=[，,。；;！!？?\s]|$)"
)
_POWER_NAMED = re.compile(r"(?<!来)电(?!话)|线|杆|表|闸|火|烟")
_WRONG_NUMBER = re.compile(
    r"打错|拨错|错号|找错|误拨|想打给|本来要打给|是打给|找[^，,。\s]{1,8}?这不是|(?:吗|不|嘛|哇|没有|的)(?:哦|噢|啊|呃)?[?？，,]?不是"
)
# A caller who asks whether this is another place ("请问是客运站吗", "是卫生院吗？"): the place
# named, unless it names power or the station's business.
_ANOTHER_PLACE = re.compile(
    r"^(?:[喂哎诶]|你好|您好|请问|哥哥|姐姐|阿姨|叔叔|你|您|恁|这里|这|[，,。\s])*是(?:不是)?(?:那个)?"
    r"(?:([^，,。；;！!？?\s]{1,8}?)(?:吗|嘛|的?[?？]|不(?=[？?，,。\s]|$))"
    # ("这里是不是卖化肥的": a shop's goods asked after, the note ending there)
    r"|(卖[^，,。；;！!？?\s]{1,6})的$)"
)
# A salesman's wares are not the station's business ("推销保险的": insurance, not a fuse).
_SALES = re.compile(
    r"(?:推销|卖|做)(?:保险|理财|贷款|房子?|楼盘|保健品|茶叶|酒)|(?:保险|理财|贷款|投资)公司(?:的)?(?:客户经理|业务员|经理)?"
    r"|(?:手机|话费)[^，,。]{0,3}(?:欠费|充值|缴费|交费|余额)"
    r"|非电费|不是电费"
)
# Words of the station's business: a note with one of them is a call about something.
_BUSINESS = re.compile(
    r"停电|没电|莫得电|没得电|么得电|冇|断电|黑起|黑火|黑的|黑着|还是黑|来电了|有电|电费|电价|电表|电能表|表箱|插卡|电线|导线|线路"
    r"|电杆|杆子|变压器|箱变|变电箱|电箱|配电|跳闸|闸|保险|熔断|漏电|打火|冒烟|着火|电压|灯|用电|供电|户号|过户"
    r"|低压|高压|电缆|(?<!占)线|杆"
    r"|更名|销户|缴费|交费|欠费|充值|装表|新装|增容|报装|报修|维修|抢修|故障|投诉|表扬|感谢|谢谢"
    r"|建议|意见|电器|冰箱|电视|水泵|危险|触电|救命|救人|火|烟|受伤|病人|医院|出事|住院|生病|急救|吸氧"
    r"|制氧|氧气|呼吸机|透析|吸痰|雾化"
    # the account's holder, contact or papers changed ("老户主电话是空号，改成我的")
    r"|户主|联系人|改成我"
    # what a repair costs ("修电的人说要收费才来修")
    r"|收费|免费|来修|修电|洗肾|打氧|机器停|一点电都没"
    # an account's meters ("户头下面挂了两块表"), a thing burnt by the supply ("电脑烧了")
    r"|户头|块表|烧了|烧坏|烧掉"
    # someone hurt by the power, whoever the caller asked for ("我找我爸，他刚才被电到了")
    r"|电到|电打|被电|电了一下|电倒|电翻|倒在地上|不动了|昏过去|没气了"
    # A grievance about how the call was taken is a complaint, not a call that went nowhere: the
    # staff named, how they spoke, what the caller asked.
    r"|态度|服务|工作人员|接电话的|接线|客服|师傅|不满|太差|凭什么|为什么|怎么回事|不像话"
    r"|值班的|营业员|营业厅|抄表|讲话冲|说话冲|难听|冲得很|凶|骂|吼|不耐烦|敷衍|啥时候|什么时候|哪阵"
    # How the staff should speak ("能不能说慢点，老人听不清").
    r"|(?:说|讲)[得的]?慢一?点|慢一?点(?:说|讲)|(?:说|讲)[得的]?大声一?点|声音大一?点"
    # How useful the line or the staff were, how good the people, how often one had to ask.
    r"|有(?:哪样|什么|啥|么子|个啥)用|没得?用|不管用|人好|好人|热心|耐心|负责"
    r"|(?<![询拨])[问讲说打][了过]?(?:[两三四五六七八九十几]{1,2}|好几)[遍次回个]"
    # Hung up on, not understood, an electric fence asked about.
    r"|户名|铅封|被挂|把(?:我的?)?(?:电话)?挂|95598|座机|挂我的?(?:电话)?|给我挂了|听不懂[我额俺咱]的?话|听不懂[我额俺咱]?说话|普通话|电网"
)
# The caller finding out they reached the station and taking it back ("啊？供电所？对不起",
# "这是供电所啊，那不问了", "不是供电所管的啊，好好好"): the station's name then says nothing of
# power.
_REALISED = re.compile(
    r"(?:打成|拨成|打到|拨到|这是|这里是|原来是|不是)?(?:供电所|电力公司|电业局)(?:管的)?"
    r"(?:了|啊|呀|哦|嘛|吧|吗)?(?=[？?，,。！!…\s]|$)"
)
_TAKEN_BACK = re.compile(
    r"对不起|不好意思|打扰|不问了|算了|打错|打成|拨成|搞错了?$|弄错了?$|好好好|那就不|没事了|sorry|[要想我]打的是"
)
# Another service sought ("宽带师傅几点来装", "我的快递到了冇"): not the station's business when
# nothing of power is named besides.
_OTHER_SERVICE = re.compile(
    r"宽带|(?<!用)电信(?!息)|移动公司|联通|有线电视|网线|光纤|自来水|燃气|煤气|快递|外卖|挂号|订房|订餐|订桌"
    r"|订位|订座"
    r"|火车站|火车|高铁|动车|车站|发车|班车|车票|订票|出租车|叫车|警察|派出所|兽医|收废品|收不收|废铁|渡口|轮渡|渡船|船几点"
    r"|天气预报|会不会下雨|下不下雨|晴转|转晴|多云"
)
# What would make it the station's business after all ("宽带师傅把电线剪断了").
_ANY_POWER = re.compile(
    # (not a hot-pot restaurant's "火": "问火锅店订位的 打错了")
    r"电|线|杆|表|闸|火(?!锅)|烟|停|修|费|黑|灯|户主|户名|改名|过户|新装|装表|变压|变台|台区|开关|保险"
    r"|增容|报装|容量"
)
_POWER_MATTER = re.compile(
    r"停电|没电|莫得电|没得电|冇电|断电|电费|电价|电表|电能表|表箱|电线|导线|线路|电杆|变压器|配电|跳闸"
    r"|漏电|打火|冒烟|着火|电压|用电|供电|报修|抢修|户号|表号|触电|冒火|火花|垂地|掉地"
)
_POWER_BACK = re.compile(r"来电了|又来电|没来电|还没来电")
# The words about the call itself ("来电", "电话") carry the character for power.
_CALL_ITSELF = re.compile(
    r"来电号码|来电显示|来电人|来电|电话|通话|致电|回电|去电|(?:电话)?线路测试|测试线路|热线"
    r"|(?:测试|试)[^，,。]{0,4}线路通不通|线路通不通|(?<=通不通)谢谢|不用登记|不用记录|试线|值班员"
    r"|背景音?[^，,。]{0,4}电视[^，,。]{0,6}"
    r"|(?:背景|听到|只有|有)(?:有|的)?电视机?(?:的)?声音?|电视机?声音?"  # a television behind
    # The call dropped ("喂——(断线)"); a note that it was about nothing of the station's.
    r"|(?:[喂嗯啊哦噢呃诶哎]+|听不[见到清]|信号不好|信号差)断线$|[与和跟](?:用电|供电|电力|本所|我所)(?:业务)?无关"
    r"|哦(?:是)?(?:电力|供电)(?:局|公司|所)?的?"
    # The duty's note that it was none of the station's business ("非电力业务，已告知").
    r"|非(?:电力|供电|用电|本所)业务"
)
# What is left of "测试一下你们的电话通不通" once the test words are gone says nothing more.
_FILLER = re.compile(
    r"是不是|请问|号码|电话|一下|你们|我们|的|是|吗|啊|呀|通不通|能不能|打通|通|了|在|这个|那个|喂"
    # never mind, goodbye, and the transcript's own label
    r"|算了|没事了?|没得事了?|不用了|拜拜|再见|好的?|语音识别|识别结果|转写|转文字|语音|背景|有?电视声音?"
    # agreeing and closing with nothing said ("对对对，行，那就这样"), a question not finished
    r"|对|行|那就这样|就这样|那|俺|我|额|咱|啥|想问|问"
    # a sound, a hang-up noted in brackets ("喂……(咳嗽)……算了", "听得到吗 (挂)")
    r"|咳嗽|咳|挂"
)


# A note in Latin letters: words of the station's business in English ("the power is back now",
# "no power since 3pm", "line down near school": walk40, 7, each taken for letters struck at
# random), and the words of a call that went nowhere ("test call", "sorry, wrong number").
_ENGLISH_BUSINESS = re.compile(
    r"\b(?:power|electric\w*|outages?|blackouts?|lights?|lamps?|meters?|bills?|charges?|wires?"
    r"|lines?|cables?|poles?|transformers?|breakers?|fuses?|switch\w*|fires?|smoke|smoking|sparks?"
    r"|sparking|shocks?|shocked|volt\w*|supply|repairs?|fault\w*|dark|hospital|oxygen|hurt"
    r"|injur\w*|burn\w*|account|pay|paid|payment|complain\w*|thanks?|thank you)\b",
    re.IGNORECASE,
)
_ENGLISH_NOWHERE = re.compile(
    r"\b(?:test\w*|wrong\s+number|misdial\w*|by\s+mistake|hello|hi|hey|ok(?:ay)?|sorry"
    r"|nobody|no\s+one|silen\w*|hung\s+up|hang\s+up|nothing\s+said|no\s+answer)\b",
    re.IGNORECASE,
)


def _latin_junk(text: str) -> bool:
    """A note in Latin letters alone that went nowhere: one run of letters struck at random
    ("asdf", "jkl"), or a few words of a test call or a wrong number ("test call", "sorry, wrong
    number"); never one that names the station's business ("power back on", "line down near
    school"). Words spaced apart are no letters struck at random."""
    if _ENGLISH_BUSINESS.search(text):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    if len(words) == 1:
        return len(words[0]) <= 20
    return len("".join(words)) <= 40 and bool(_ENGLISH_NOWHERE.search(text))


# The call dropped, noted in brackets ("喂 你好 （断了）"): read as a hang-up noted so ("（挂了）");
# not a line ("门口的线（断了）").
_DROPPED = re.compile(r"(?<![线杆])[（(](?:断了|断线|断开|掉线)[)）]")


def is_junk(text: str) -> bool:
    """A test call, a wrong number, a greeting alone, digits or punctuation only, or nothing;
    or the duty note of such a call: a call that went nowhere, and no word of power, bills,
    equipment or service in it."""
    text = _DROPPED.sub("（挂了）", text or "")
    stripped = _strip(text)
    if not stripped:
        return True
    if re.fullmatch(r"[A-Za-z]+", stripped) and _latin_junk(text):
        return True  # letters struck at random ("asdf"), or "test call" said in English
    if len(stripped) <= 6 and re.fullmatch(r"[号]+", stripped):
        return True  # numbers read out and nothing else ("8号 8号 8号")
    said_nothing = not _FILLER.sub("", _JUNK_WORDS.sub("", stripped))
    if len(stripped) <= 20 and _JUNK_WORDS.search(stripped) and said_nothing:
        return True
    if _TAKEN_BACK.search(stripped) and _REALISED.search(text or ""):
        # "啊？供电所？对不起": judged as if the station had not been named.
        text = _REALISED.sub("", text or "")
        stripped = _strip(text)
        if not stripped or not _POWER_MATTER.search(stripped):
            return True
    if (
        len(stripped) <= 40
        and _OTHER_SERVICE.search(stripped)
        and not _ANY_POWER.search(_OTHER_SERVICE.sub("", _CALL_ITSELF.sub("", stripped)))
    ):
        return True
    another = _asked_for_another_place(text or "")
    if len(stripped) > 60 or not (another or _WENT_NOWHERE.search(stripped)):
        return False
    if _POWER_BACK.search(stripped):
        return False
    if another or _WRONG_NUMBER.search(stripped):
        stripped = _strip(_ANOTHER_PLACE.sub(_unless_business, _SOUGHT.sub(_unless_power, text)))
    return not _BUSINESS.search(_CALL_ITSELF.sub("", _SALES.sub("", stripped)))


def _unless_power(match: re.Match[str]) -> str:
    """The place sought left out, unless it names power ("找村长说停电的事")."""
    return match.group() if _POWER_NAMED.search(match.group()) else ""


def _asked_for_another_place(text: str) -> bool:
    """The caller asked whether this is a place that is not the station ("请问是客运站吗")."""
    return any(_unless_business(match) == "" for match in _ANOTHER_PLACE.finditer(text))


def _unless_business(match: re.Match[str]) -> str:
    """The place asked for left out, unless it names power or the station's business."""
    place = match.group(1) or match.group(2)
    power = re.search(r"供电|电力|电业|营业所|所里|你们|变压|配电|停|跳|漏|坏|烧|断", place)
    return match.group() if power or _POWER_NAMED.search(place) else ""


def _strip(text: str) -> str:
    """The note's words: no spaces, punctuation or digits."""
    return re.sub(r"[\s\W_\d]+", "", text)
