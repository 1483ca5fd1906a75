"""The words the urgency rules listen for: dangers to life, medical need at home, power that is
off, and the ways a caller says a thing is denied, only feared, asked about, past, or praised.

Each is a regular expression over the note as written (simplified Chinese, the local speech of
Yunnan's mountain villages included: 莫得电, 黑起, 咋个). ``urgency`` decides what they mean in
context; this module only says what they are.
"""

from __future__ import annotations

__all__ = [
    "CLAUSE",
    "DANGERS",
    "MEDICAL",
    "MEDICAL_DEVICES",
    "MEDICAL_PEOPLE",
    "POWER_TROUBLE",
]

# Dangers to life, by kind (the "three mosts": shortest time for these). A kind is named in the
# suggestion so the clerk sees why, and the safety advice read to the caller follows it.
DANGERS: dict[str, str] = {
    "line down or low": (
        r"(电线|点线|导线|线路|高压线|低压线|电缆|进户线|火线|线头|线)[^，。,.!！?？电压没不未]{0,6}"
        r"(断(了|掉|起|哒|喽|咯)|烧断|刮断|吹断|扯断|拉断|砸断|压断|挖断|掉(了|下|在|到|起|哒|喽|咯)"
        r"|吹(掉|落)|落(地|下|在)"
        r"|(耷|吊|拖|垂|趴|睡|搭)起|滚到地|躺在(地|路)"
        r"|垂(下|到|着|得)|拖(在|到|地|着)|吊(着|下)|耷拉|挨地|贴地|碰到地|在地上|横在|挡在|压在"
        r"|压住|压着|泡在水|泡着)"
        r"|(电线|导线|高压线|低压线|线)(很|太|特别|非常)?(低|矮)(得|了)"
        r"|(电线|导线|线)[^，。,.]{0,4}离[^，。,.]{0,6}(太近|很近|近得)"
        r"|倒杆|断杆|断线|断股|散股|垂到地|垂到路|拖地|落地|挨地|跨越公路|横在路|挡在路"
        # A line fallen, slipped off, pressed to the ground, said the other way round ("掉下来的
        # 线", "线从杆子上脱下来了", "雪把线压到地上了", "线被倒下来的毛竹压断了").
        # (Not advice: "看见线掉地上别去碰".)
        r"|((掉|落|断)下来的(电线|导线|线)|(线|电线|导线)[^，。,.没不未]{0,8}(脱下来|脱落|脱开)"
        r"|(线|电线|导线)[^，。,.没不未]{0,4}(掉|压|吹|刮|垂)到?[^，。,.]{0,2}"
        r"(地上|路上|路中间|田里|水里|沟里))(?![^，。,.]{0,3}(不能|不要|别|嫑|莫|千万|不准|不许|不得))"
        r"|(线|电线|导线)被[^，。,.]{0,8}(压断|砸断|刮断|扯断|拉断|撞断|打断)"
        r"|(垂|吊|坠)得?[^，。,.]{0,3}(挨到|碰到|快到|快挨)(房|屋|地|头|人|车)"
        # Things put to a line: a ladder, a pole, a steel rope, wire thrown at it.
        r"|(梯子|竹竿|竿子|长杆|钢丝绳|铁丝|钢管|铝合金)[^，。,.]{0,8}(靠|搭|挂|碰|甩|扔|挑|戳|捅)"
        r"[^，。,.]{0,3}(到|在)?[^，。,.]{0,2}(电线|高压线|导线|线)"
        r"|(挑|捅|戳)[^，。,.]{0,4}(电线|高压线|导线)"
        r"|(斗子|吊臂|臂|钩机)[^，。,.]{0,4}离[^，。,.]{0,3}(高压线|电线|导线)"
        r"|(高压线|电线)下[^，。,.]{0,2}(挖|作业|施工|干活|吊)"
        r"|(线|电线|导线)[^，。,.]{0,6}(拉|压|吊|垂|坠)得(很|太|好|特别)?低|离地[^，。,.]{0,4}(一人|一米)"
        # Hanging low, in a clause of its own after the line was named ("线被车挂了，现在吊得很
        # 低"), and within a person's reach.
        r"|(吊|垂|坠|耷)得?(很|太|好|特别|老)?(低|矮)|(伸手|举手|踮脚)[^，。,.]{0,4}(够|摸|碰)得?(到|着)"
        r"|(线头|铜线|导线|电线|铜丝)[^，。,.]{0,4}(露着|露出|露在外)|裸露"
        r"|(吊车|挖机|挖掘机|钩机)[^，。,.]{0,8}(高压线|电线)[^，。,.]{0,4}(下面|底下|旁边|边上)"
        r"|(高压线|电线)(下面|底下)[^，。,.]{0,6}(吊车|挖机|挖掘机|钩机)"
        r"|(线|电线)[^，。,.]{0,4}(碰到|挨着|搭在|挂在|缠在)[^，。,.]{0,4}(房|屋|墙|铁|棚|人)"
        # Conductors clashing, and a loose end picked up.
        r"|(线|电线|导线)[^，。,.]{0,6}(搭|碰|绞|缠|打)在一起|线碰线"
        r"|(捡|拿|拉|扯|摸|玩)[^，。,.]{0,4}(线头|断线|掉下来的线|地上的线)"
        r"|(吊车|挖机|挖掘机|钩机|脚手架|钢筋|钓竿|鱼竿|风筝)[^，。,.]{0,10}(碰|挨|挂|搭|挂)"
        r"[^，。,.]{0,3}(到|着|在)?[^，。,.]{0,3}(电线|高压线|导线|线)"
    ),
    # A tree, bamboo or a farm film on a line: live itself, it may burn or bring the line down.
    "tree or object on a line": (
        r"(树|竹子|竹|树枝|树干|枝枝|棚膜|塑料膜|薄膜|风筝)[^，。,.]{0,6}(倒|(?<![高低])压|碰|搭|挨|挂|缠|长进|伸到|伸进)"
        r"[^，。,.]{0,4}(电线|导线|线)"
        r"|(线|电线|导线)[^，。,.]{0,4}(碰到|挨着|搭在|挂在|缠在|压在|埋在)[^，。,.]{0,4}"
        r"(树|竹|枝)"
        r"|(电线|导线|线)[^，。,.]{0,4}(被|让)[^，。,.]{0,2}(树|竹|枝)[^，。,.]{0,3}(压|碰|挂|缠|搭)"
    ),
    "arcing or sparks": (
        r"打火|火花|火星|冒火|闪火|弧光|放电|闪蓝光|冒蓝光|蓝光|电弧|噼里啪啦|噼噼啪啪|啪啪响|滋滋|像放炮|烧得通红"
        r"|劈里啪啦|劈劈啪啪|霹雳啪啦|噼啪|劈啪|炸火|爆火|闪火花|烧红了|发红了|嗞嗞|兹兹"
        r"|打出火|冒出火|(里面|里头)闪(了一下|一下|火|光)"
        # Flashes seen in equipment ("箱变里面一闪一闪").
        # (Not a lamp: a meter's red light blinks as it counts.)
        r"|(箱变|变压器|表箱|电箱|配电箱|插座|刀闸|跌落)[^，。,.!！?？灯]{0,6}"
        r"(一闪一闪|闪光|在闪|里面闪|里头闪|冒光|发光)"
        r"|冒了?一?[团股下串]?火(?!车)"
    ),
    "smoke": (
        r"冒烟|冒青烟|冒黑烟|冒了?[一两几三]?[回次下阵股]?[青黑白]?烟|浓烟|烟雾|有烟(?!叶|草|农|房|站)|焦味|焦糊|烧焦|糊味"
        r"|焦臭|糊臭|烧胶|胶皮味|胶臭|塑料味|烧塑料|橡胶味"
    ),
    "fire": (
        r"着火|着起火|起火|失火|火灾|烧起来|燃起来|燃起了|烧起了|在烧|烧着了|山火|明火|火苗|火光|一团火"
        r"|爆炸|(?<!跳)炸了|炸开|火着起来|着起来了"
        r"|烧到[^，。,.]{0,4}(高压线|电线|线|杆|变压器)"
        r"|变压器[^，。,.]{0,8}(漏油|滴油|喷油|流油)"
        r"|(电线|线|插座|插头|开关|表箱|电表|闸刀|闸|空开|漏保|配电箱)[^，。,.!！?？不没未]{0,4}"
        r"(发烫|烫手|烫得|烧化)"
    ),
    "pole leaning or fallen": (
        r"(电杆|电线杆|点线杆|电线干|电线桩|电桩|线杆|杆子|水泥杆|木杆|杆)[^，。,.!！?？没未把坑]{0,10}"
        r"(倒(了|在|起|掉|哒|喽|咯|下|咧|啦|嘞|哩)|要倒|快倒|往[^，。,.]{0,6}倒|垮|悬起|趴(下|起|倒|在)|睡倒|偏起|歪|斜|倾|晃|断了|折断|撞断|裂"
        r"|冲倒|冲走|冲掉|被冲|悬空|露出"
        r"|松动|不稳|站不住|吊在半空|烂根|冲空)"
        r"|(冲|刮|撞|砸|压|推)[^，。,.]{0,4}(电杆|电线杆|杆子)"
        r"|倾斜|掏空|塌空|冲垮|拉线断|(滑坡|塌方|泥石流|落石)[^，。,.]{0,8}(线|杆)"
        r"|(电杆|杆子|杆)[^，。,.]{0,6}(滑坡|塌方|裂开|塌了)|(斜|歪)(起|着)?靠在|斜靠"
    ),
    "person or animal near live equipment": (
        r"(?<![防])触电|(?<![防])电击|电到(了|人|牛|羊|马|猪|狗|鸡|鸭|鹅|猫|小孩|娃|老人|孩子|学生|他|她|我)"
        r"|被电(了|到|伤|死|击|倒|一下|打)|电翻|电晕|电伤|电死|(?<![停断没来])电倒(?![有是还也不没挺蛮])|遭电|着电打|遭电打|电打到"
        r"|露电(?!保护|开关|断路|空开|保|器)"
        r"|(铁门|铁丝|铁栏|栏杆|水管|水龙头|晾衣|外壳|门把|自来水|铁皮|大门|铁架|护栏|墙)"
        r"[^，。,.!！?？]{0,4}(有电|带电|麻手|麻人|电人)"
        r"|电了一下|被电?打了一下|电打了|麻手|麻人|一摸就麻|碰一下就麻|带电(?!作业|检修|操作|焊)"
        r"|漏电(?!保护|开关|断路|空开|保|器)"
        r"|(小孩|娃娃|娃儿|小娃|伢崽|伢子|细伢|碎娃|娃|孩子|学生|有人|人|牛|羊|马|猪|狗|牦牛)"
        r"[^，。,.]{0,8}"
        r"(爬|攀|碰到|摸到|挂在|踩|钻进|钻到|在里面玩|进去玩)[^，。,.]{0,6}"
        r"(变压器|电杆|杆子|线杆|电线|线|台架|台子|配电|表箱|开关|栅栏)"
        r"|(小孩|娃娃|娃儿|小娃|伢崽|孩子|学生|人|牛|羊)[^，。,.]?在(变压器|配电|台架)[^，。,.]{0,3}"
        r"(底下|下面|里面|里头|上面|上头)"
        # An electric fence against boars, a cabinet broken open, wires bare, a shock felt.
        r"|私拉电网|偷拉电网|私接电网"
        r"|(变压器|配电箱|配电柜|箱变|配电房|围栏)[^，。,.]{0,8}(门|锁)[^，。,.]{0,4}"
        r"(开着|没关|没锁|被撬|撬了|撬开|敞开|敞着)"
        r"|(线|里头|里面|东西)[^，。,.]{0,4}(裸着|露着|露起|露在外)"
        r"|被麻了|麻了一下|(脚|手|身上)[^，。,.]{0,4}发麻"
        r"|(水沟|沟里|水里|水田|水塘|水坑|地上|地面|墙上)[^，。,.]{0,4}有电"
        r"|(变压器|配电|台区)[^。.!！?？]{0,16}(娃娃|小孩|孩子|学生)[^，。,.]{0,4}(在里面|进去|钻进)"
        r"|(电线|线)[^，。,.]{0,4}缠(住|到|着)|被[^，。,.]{0,8}线缠"
        # Wiring left live in a house fallen or burnt down, or live with children playing by it.
        r"|(塌|倒塌|垮|废墟|烧毁|烧光|拆了)[^。.!！?？]{0,24}(通着电|带着电|还有电|线还通)"
        r"|(通着电|带着电)[^。.!！?？]{0,30}(娃娃|小孩|小娃|孩子|学生)[^，。,.]{0,8}"
        r"(玩|钻|爬|捉迷藏|进去|跑)"
    ),
    "flooding at equipment": (
        r"(淹|泡水|进水|浸水|水漫|漫到|泡在|冲到|涨到)[^，。,.]{0,8}"
        r"(变压器|箱变|配电|表箱|电箱|开关柜|环网柜|分支箱|台区|电房|插座|电闸|总闸|电表|电杆)"
        r"|(变压器|箱变|配电|表箱|电箱|开关柜|环网柜|分支箱|台区|电房|插座|电闸|总闸|电表)"
        r"[^，。,.]{0,8}"
        r"(淹|泡水|进水|浸水|泡在水)"
    ),
}

# A medical need at home that stops with the power. A machine or medicine that needs power or
# cold is a need by itself; a person (a patient, someone bedridden, a newborn) is a need when the
# note also says the power is off or failing now.
MEDICAL_DEVICES = (
    r"制氧机|氧气机|制氧|吸氧|输氧|供氧|氧气|呼吸机|呼吸器|透析|腹透|血透|吸痰|雾化机|雾化器"
    # …as voice-to-text writes them
    r"|制养机|制痒机|治氧机|氧器机|偷析|头析|呼吸鸡|呼吸记"
    r"|排痰机|吸引器|心电监护|制氧器|无创机"
    # …and as callers describe them ("那个呼吸的机器", "吸氧的机子")
    r"|(呼吸|吸氧|制氧|氧气|透析|吸痰)[^，。,.]{0,3}(机器|机子)"
    r"|监护仪|起搏器|输液泵|注射泵|营养泵|胰岛素|医疗设备|医疗器械|医疗仪器|医用|需要用电的医疗"
    r"|护理床|电动床|气垫床|充气床垫|防褥疮|暖箱|(婴儿|宝宝|娃娃|孩子|早产儿?|新生儿)[^，。,.]{0,8}"
    r"(保温箱|暖箱)|(保温箱|暖箱)[^，。,.]{0,8}(婴儿|宝宝|娃娃|孩子|早产|新生儿)"
    r"|(药|针剂|疫苗|针水)[^，。,.]{0,8}(冷藏|冰箱|冰柜)|(冰箱|冰柜|冷藏)[^，。,.]{0,8}(药|疫苗|针剂|针水)"
)
MEDICAL_PEOPLE = (
    r"病人|患者|病号|瘫痪|瘫在|瘫起|偏瘫|中风|卧床|躺在床上|起不来床|下不了床|重病|病重|病危|癌症|晚期"
    r"|尘肺|矽肺|肺气肿|慢阻肺|肺心病|植物人|插着管|鼻饲|化疗|渐冻"
    r"|(病人|老人|娃娃|人)[^，。,.]{0,6}离不[得开了]电|离不[得开了]氧|靠氧|离不[得开了](机器|机子)|靠(机器|机子)(活|维持|续命|吊着)"
    r"|做完手术|手术后|术后|刚出院|早产|新生儿|刚(生|出生|生下来)的(娃|孩子|宝宝|婴儿)|临产|要生了|喘不过气|喘得厉害|心脏病|哮喘"
    r"|卫生室|卫生院|诊所|医务室"
)
MEDICAL = MEDICAL_DEVICES + "|" + MEDICAL_PEOPLE

# The power is off or failing (what makes a person at home a medical need).
POWER_TROUBLE = (
    r"(?<!计划)停电|停了[^，。,.]{0,4}电|没电|没有电|莫得电|没得电|么得电|冇得?电|没的电|莫电|断电|断了电"
    r"|冒电(?!火)"
    r"|黑起|黑火|(?<!天)黑(了|哒|咯|喽)|跳闸|掉闸|电停|电断|电又停|电来了又|电没了|拉了?闸|把闸拉"
    r"|(剪|掐|拆)了[^，。,.]{0,4}(线|电|表)|欠费[^，。,.]{0,4}(停|断|拉)"
    # cut off ("交电费晚了被停了", "给断了电")
    r"|(被|给)(停|断|拉|掐)(了|掉|咯|喽|哒)|(被|给)[^，。,.]{0,3}(停|断)了?电"
    # A disconnection coming to this household ("你们要来停我家的电", "收到停电通知").
    r"|停(我|我们|我家|我屋|我们家)(家|屋)?的?电|(收到|接到)[^，。,.]{0,4}(停电|断电|欠费)通知"
    r"|(还|都|一直|仍然?|至今)(没有?|未|不)(来电|送电|复电|恢复)|(突然|忽然|一下子?)[^，。,.]{0,2}停了"
    r"|(?<![打致回去])来电(?!人|号码|显示|称|反映|要求|咨询|投诉|表扬|询问|说)|送电|复电|恢复供电"
    r"|电压[^，。,.]{0,3}(低|不稳|不够)|电不稳|电[^，。,.]{0,2}不够"
    r"|(机器|机子|设备|制氧机|氧气机|呼吸机|暖箱|保温箱|床)[^，。,.]{0,4}(停了|不转|转不动|带不动|用不了|开不了|动不了"
    r"|不能用|报警|瘪了)|电池[^，。,.]{0,6}(没电|快没|撑不|用完|只能)"
)

# A note that asks or wishes about arrangements rather than reports: a machine at home named in
# it is no need now unless the power is off ("家里有人用呼吸机，能不能登记一下").
# A machine in use by someone of the household ("我爸在家用呼吸机"), just before the machine in
# its clause; with any outage named, planned ones too, that is a medical need to act on.
FAMILY_USE = (
    r"(我|家里|家中|在家|屋头|屋里|父亲|母亲|爸|妈|老人|爷爷|奶奶|外公|外婆|老伴|老公|媳妇|爱人"
    r"|儿子|女儿|娃|孩子|病人)[^，。,.!！?？]{0,8}(用|用着|靠|离不开|开着|插着|戴着|吸着)[^，。,.!！?？]{0,2}$"
)
# An outage on a day named (a planned one coming, "下周二计划停电"), not outages in general
# ("以后停电能不能提前说"): a household on a machine has to plan for that one now.
ANY_OUTAGE = (
    r"(今天|今晚|明天|明早|后天|这周|本周|下周|下个?星期|下个?礼拜|周[一二三四五六日天]"
    r"|星期[一二三四五六日天]|礼拜[一二三四五六日天]|[0-9一二三四五六七八九十]+[号日]|下个月|这次|这回)"
    r"[^。.!！?？]{0,20}(停电|断电|[停断][0-9一二两三四五六七八九十半几]+)"
    # …the day said after ("计划停电通知上写后天全天"), or a notice of one received
    r"|(停电|断电)[^。.!！?？]{0,8}(今天|今晚|明天|明早|后天|这周|本周|下周|下个?星期|下个?礼拜"
    r"|周[一二三四五六日天]|星期[一二三四五六日天]|[0-9一二三四五六七八九十]+[号日]|下个月)"
    r"|(收到|接到|贴了?|发了?)[^，。,.]{0,6}(停电|断电)(的)?通知"
)
INQUIRY = (
    r"建议|希望|登记|听说|请问|想问|问一下|问问|咨询|需要[^，。,.]{0,8}吗|要不要|有没有|是不是"
    r"|可不可以|能不能(?!快|早|先)|以后|将来|提前|备一台|备个|一般(?!都)|多久能|要多久|需要多久"
    r"|用多少电|费不费电|耗电|划不划[得算]"
)

# Clauses: a danger is judged within its clause and what is said around it.
CLAUSE = r"[，,。.;；！!?？\s]"
SENTENCE_END = r"[。.!！?？]"

# The words of a denial just before a danger: "没有打火", "没看到哪里冒烟", "不会着火吧".
# Only the few characters right before count, so "不知道为什么冒烟" stays a danger.
NEGATION = (
    r"(没有|没得|莫得|么得|冇得|冇|没的|没|未|无|不|并未|并没有|别|不是|不要|莫)"
    r"(看到|看见|见到|见|发现|听到|闻到|出现|明显|有|再|会|是|在|让|要)?有?"
    r"(什么|任何|啥|啥子|哪样|哪里|哪点|哪儿|什么地方|地方)?(有|在)?$"
)
# A denial just after a danger, closing its clause: "冒烟倒是没有", "打火的情况没看到".
NEGATION_AFTER = (
    r"(的情况|的现象|的话|这些|这种)?(倒是|倒|是|也|都|就|还)?"
    r"(没有|没得|莫得|么得|冇得|冇|没看到|没看见|没发现|没见到|没见|没听到|没)(的|了|啊|呀|哈|过)?"
)
# A prohibition inside the words of the danger: "娃娃不要爬电杆", "莫让牛去碰电线".
PROHIBITION = r"不要|别|莫(?!得)|不能|不准|不许|禁止|严禁|不得|千万"
# A danger only feared, or asked about, just before it in its clause: "怕电线被刮断",
# "会不会漏电", "是不是漏电了". ("怕是" is "probably", said of a danger there now.)
FEARED = (
    r"(怕(?!是)|害怕|担心|防止|以免|避免|预防|防范|小心|当心|注意(?!到)|提防|容易|是否会|会不会"
    r"|是不是|是否|有没有|有无|咋个防|怎么防|如何防|将来|今后|下次)"
    r"[^，。,.!！?？]{0,8}$|(?<![不])会$"
)
# Hearsay ("有人说", "听说") is a report when it tells what someone saw ("有人说拉线摸到麻手") and
# a fear only when it says what may come ("听说电线会被刮断"): ``HEARSAY`` with ``MAY`` in the
# clause.
HEARSAY = r"有人说|听人说|听说|据说|说是"
MAY = r"会|可能|容易|迟早"
# A condition ("要是", "万一", "遇到", "…的话"): what follows it, to the end of the sentence, is
# spoken of as a case that may come, not as a thing there now.
CONDITION = r"如果|假如|假设|万一|要是|若是|一旦|以防"
# …and the condition said after the thing, at the end of its clause ("山火烧到线边上的话").
CONDITION_AFTER = r"的话"
# "遇到…", "…的时候" in a question with no particular time: advice about a kind of case
# ("遇到电杆倒了人要离多远", "房子着火的时候怎么断电"); in a report they tell what happened
# ("今早遇到一根断线", "昨晚打雷的时候变压器着火了").
WHEN_BEFORE = r"遇到|遇上|碰上"
WHEN = r"的时候|时候"
QUESTION = (
    r"[?？]|吗|么|怎么|咋个|咋|如何|要不要|能不能|可不可以|该|应该|多远|多久|好不好|行不行"
    r"|建议|希望|最好"
)
PARTICULAR_TIME = (
    r"昨|今|刚|前天|这哈|这会|现在|早上|晚上|半夜|凌晨|上午|下午|中午|那天|那晚|上次|当时|去年"
)
# A danger asked about right after it: "漏电了吗", "会不会有危险", "正常吗", "要不要紧".
ASKED_AFTER = (
    r"(了)?(吗|么|没有?[?？]|不[?？])|正常吗|正不正常|要不要紧|合不合|危不危险|有没有危险"
    r"|会不会有?危险|安不安全|有没有事|要紧吗|(是不是|是否)(正常|有问题|危险|要紧|安全)(的|呀|啊)?"
    r"|(了)?(以后|之后)(要不要|怎么|咋|该|应该|如何).*"
    # "电线掉到地上了应该怎么办": what to do in such a case
    r"|[^，。,.]{0,6}?(了)?(应该|该|要)?(怎么办|咋办|咋个办|怎么处理|咋处理|如何处理)(呢|啊|呀)?[?？]?"
)
# Said of a time to come: "停电前通知一声"; and, opening the clause, "以后停电先通知".
# ("断线前天就报了": "前天" is a day past, not "before".)
# ("跟前", "面前", "门前" are places, not times.)
FUTURE_AFTER = r"((?<![跟面眼门])前(?!天|晚|日|年|几天|些天|两天|阵)|之前)"
FUTURE_BEFORE = r"^(以后|今后|往后|将来|下回|下次)"

# Thanks or praise for something already done; a danger or need said inside it was dealt with.
# Not after 不/没 ("不负责", "不满意" are grievances).
THANKS = (
    r"感谢|谢谢|多谢|谢了|表扬|点赞|点个赞|赞一个|锦旗|辛苦(你们|师傅|了)|幸亏|多亏|幸好|好在"
    r"|要不是(你们|他|她|师傅)|好人|记着你们|说你们好|夸你们|勇敢|了不起|好样的|(?<![不没])(满意|负责|专业|细心|耐心|佩服|感动|感激|暖心|贴心)"
)
# Praise that says by itself the call is to thank ("我要表扬", "来电感谢", "太贴心了").
PRAISE = (
    r"表扬|点赞|点个赞|赞一个|锦旗|感谢信|(来电|致电|专门|打电话|想|要|是来|是想)(感谢|谢谢|表扬)"
    r"|(太|很|真|好|非常|特别)(贴心|暖心|负责|细心|耐心|专业|感动|感激|勇敢)"
    r"|都感激|感激不尽|万分感谢|太感谢|感谢不尽"
)
DONE = (
    r"(修|立|接|扶|弄|搞|换|装|处理|抢修|断)(好|起来|完|正)|修复|来修|来换|抢修|处理了|处理得|换了|换成"
    r"|赶来|赶到|来得(?:真|好|很|特别|这么|那么)?快|很快就|及时|就到了|解决了|排除了|才没|没出事|已经好了|恢复了|断了电|把电断"
    r"|围起来|守着|来了以后|到了以后|救过来|保住|赶过来|赶过去|放心|后来就?好了|没断过"
)
# Markers of a time past, and of now: a past marker governs what follows it until a marker of
# now, and a danger under it counts as past only where the note says it was dealt with and
# nothing says it is still there. ("昨晚", "今早" are not past: that is when calls start; "前几天",
# "上个月" are, when dealt with: "前几天线断了，你们来修好了".)
PAST = (
    r"上次|上回|那次|那回|那场|那晚|那夜|那天晚上|以前|之前|去年|前年|几年前|两年前|那年|当年|当时"
    r"|曾经|原来|前些年|上半年|上个月|上周|上个星期|上礼拜|前几天|前些天|过一次|过一回|过几次"
)
DEALT_WITH = DONE + "|" + PAST + r"|那天"
NOW_AGAIN = (
    r"现在|这哈|这会|今天|今早|今晚|刚才|刚刚|又(倒|断|冒|着火|打火|歪|掉|停|黑|没电|莫得电)"
)
# Signs that a danger is still there or that help is wanted now.
STILL = r"还没|到现在|至今|一直没|没人(来|管)|没(修|处理|扶)|又(倒|断|冒|着火|打火|歪|掉)"
# …and signs that may belong to the story of a time past ("那次线断了还在冒火花").
STILL_THEN = r"还在|还是|还有|仍|依然|一直在"
# Words that make it a call for help now, even with thanks in it…
NOW = (
    r"快来|快点|赶紧|尽快|快派|请派|现在还|又(倒|断|冒|着火|打火)|(请|麻烦).{0,6}来"
    r"|什么时候来|啥时候来|哪天来"
    # help asked for ("麻烦优先看一下", "请安排人来"): thanks at the end are said in advance
    r"|麻烦[^，。,.]{0,6}(看|处理|修|安排|恢复|送电|复电)"
)
# …and words that do unless they tell the story of a time past ("那次你们马上派人来守着").
NOW_THEN = r"马上|派人|还在|危险|请[^，。,.]{0,6}(看一下|修|安排|恢复|送电|复电)"
