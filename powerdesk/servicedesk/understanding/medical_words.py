"""The words of a medical need at home the urgency rules listen for (``medical``): a machine or
medicine that needs power or cold, a person who depends on it, the power off or failing, an
outage on a day named, and an outage told of as what happens each time.
"""

from __future__ import annotations

# A mask that is no machine's: against paint, dust or gas, or for the cold or the sun (round 53's
# CPAP reading: "喷漆用的呼吸防护面罩", "冬天睡觉戴保暖面罩"; review69 L4).
_NOT_A_CPAP = (
    r"(?<!防护)(?<!防尘)(?<!防毒)(?<!保暖)(?<!防寒)(?<!挡风)(?<!防晒)(?<!美容)(?<!面膜)(?<!口罩)"
)

# A medical need at home that stops with the power. A machine or medicine that needs power or
# cold is a need by itself; a person (a patient, someone bedridden, a newborn) is a need when the
# note also says the power is off or failing now.
MEDICAL_DEVICES = (
    r"制氧机|氧气机|制氧|吸着?氧|插着氧|戴着氧|输氧|供氧|(?<!增)(?<!水里有)(?<!水里)氧气|呼吸机|呼吸器|透析|腹透|血透|吸痰|雾化机|雾化器"
    # …as voice-to-text writes them
    r"|[制治之支知致智至志][养痒氧样](机|鸡)|[胰一依移姨夷遗][岛导到倒]素|氧器机|偷析|头析|透[息习惜西折]机|要透(?!气|风|明|光|露)|呼吸鸡|呼吸记|[呼护胡湖糊忽][吸西希息]机|洗神|呼噜机|止鼾机"
    r"|抽痰|吸[谈潭弹坛](?!判|话|心)|鼻胃管|胃管"
    # …by the maker's name ("鱼跃那个机器", "欧姆龙的雾化器")
    r"|(鱼跃|欧姆龙|瑞思迈|飞利浦伟康|伟康|万曼|凯迪泰|瑞迈特|怡和嘉业)[^，。,.]{0,4}(机器|机子|制氧|呼吸|雾化|氧)"
    # …by what it pushes, with breathing said beside it ("打气的机子要用电 他喘不赢"; not a tyre
    # pump: "修车铺打气的机子")
    r"|(打气|送气|供气|给气|输气|充气)的?(机器|机子)(?=[^。.!！?？]{0,16}(喘|呼吸|鼻|面罩|肺|痰|憋))"
    r"|(喘|呼吸|鼻子|鼻孔|面罩|肺|憋)[^。.!！?？]{0,16}(打气|送气|供气|给气|输气|充气)的?(机器|机子)"
    r"|排痰机|排痰背心|排痰仪|吸引器|心电监护|制氧器|无创机"
    # …and as callers describe them ("那个呼吸的机器", "吸氧的机子")
    r"|(呼吸|吸氧|打氧|制氧|氧气|透析|吸痰|排痰|监护|洗肾|喘气|出气|吸气)[^，。,.]{0,3}(机器|机子)|打着?氧|洗肾"
    # …in broken speech ("氧，机器，停了")
    r"|(氧|呼吸|透析)[，,、\s]{1,2}(机器|机子)"
    r"|监护仪|监护(设备|仪器|器)|起搏器|输液泵|注射泵|营养泵|胰岛素|医疗设备|医疗器械|医疗仪器|医用|需要用电的医疗"
    # …and by what they do ("戴那个面罩机器睡觉", "往鼻子里打气的机子", "打气的床垫")
    r"|(面罩|鼻子|鼻孔|鼻管)[^，。,.]{0,6}(机器|机子)|(打气|充气)的?(床垫|垫子)|翻身的?气床"
    # …a suction machine named by the phlegm it clears or by what it does, with the phlegm said
    # beside it ("咳痰的机器 就是往外抽的那只"; not a range hood or a pump: "往外抽的那个抽油烟机")
    r"|痰[^，。,.]{0,3}(机器|机子)"
    r"|痰[^。.!！?？]{0,16}(往外|往出|朝外|向外)抽|(往外|往出|朝外|向外)抽[^。.!！?？]{0,16}痰"
    # …a mask one breathes or sleeps by (a CPAP: "离不开呼吸的面罩", "睡觉要戴面罩"; not a
    # welder's, a gas or a lineman's mask: "电焊面罩", "防毒面罩", "防护面罩"), or by its name
    # (nor a respirator against paint or dust, "呼吸防护面罩", nor one worn for warmth, "保暖面罩")
    r"|(呼吸|吸氧|氧气|出气|喘气|打鼾|打呼|止鼾|呼噜)[^，。,.]{0,3}" + _NOT_A_CPAP + r"面罩"
    r"|(睡觉|困觉|睡|困)[^，。,.]{0,6}(戴|带)[^，。,.]{0,4}(?<!电焊)(?<!焊)" + _NOT_A_CPAP + r"面罩"
    r"|面罩[^，。,.]{0,6}(透不过气|喘不|憋|呼吸)|[Cc][Pp][Aa][Pp]|[Bb][Ii][Pp][Aa][Pp]|正压通气|无创通气"
    r"|护理床|电动床|气垫床|充气床垫|防褥疮|暖箱|(婴儿|宝宝|娃娃|孩子|小孩|早产儿?|新生儿|BB|bb|啤啤)[^，。,.]{0,8}"
    r"(保温箱|暖箱)|(保温箱|暖箱)[^，。,.]{0,8}(婴儿|宝宝|娃娃|孩子|小孩|早产|新生儿|BB|bb|啤啤)"
    r"|(药|针剂|疫苗|针水|干扰素|激素|胰岛素|针)[^，。,.]{0,8}(冷藏|冰箱|冰柜)"
    r"|(冰箱|冰柜|冷藏)[^，。,.]{0,12}(药|疫苗|针剂|针水)"
)
# (breath short from a climb, a run or anger is no illness: "爬得喘不赢", "气得我喘不赢")
_NOT_WORN_OUT = "".join(
    f"(?<!{verb}得)(?<!{verb}得我)(?<!{verb}得人)"
    for verb in ("累", "爬", "跑", "走", "挑", "背", "气", "热", "忙", "急", "吵", "干")
)
MEDICAL_PEOPLE = (
    r"病人|患者|病号|瘫痪|瘫在|瘫起|瘫床|瘫炕|瘫倒|瘫巴|瘫了[^，。,.]{0,2}床|半身不遂|卧炕|下不了炕|起不来炕|偏瘫|中风|卧床|躺在床上|起不来床|下不了床|重病|病重|病危|癌症|晚期"
    r"|尘肺|矽肺|肺气肿|慢阻肺|肺心病|肺病|帕金森|脑梗|脑瘫|植物人|插着管|鼻饲|化疗|渐冻"
    r"|离不[得开了](它|这个?机器|那个?机器)?(?=[，。,.!！?？\s]|$)"
    r"|(他|她|老人|爷爷|奶奶|姥姥|姥爷|外婆|外公|爸|妈|病人|老伴|孩子|娃)[^，。,.]{0,4}憋气"
    r"|(病人|老人|娃娃|人)[^，。,.]{0,6}离不[得开了]电|离不[得开了]氧|靠氧|离不[得开了][^，。,.]{0,6}(机器|机子)|靠(机器|机子)(活|维持|续命|吊着|吸气|呼吸|喘气|出气)"
    # (a machine that breathes for someone: "靠机器帮着呼吸", "机器辅助呼吸")
    r"|(机器|机子)(帮着?|帮忙|辅助|帮他|帮她)(呼吸|喘气|出气|吸气)"
    # (a machine leant on, named by a pointing word: "老人心脏不好，靠那个机器")
    r"|靠(那个|这个|那台|这台)(机器|机子)|心脏不好|心脏不行"
    # (breath not keeping up, in the south-west's speech: "他喘不赢", "出气不赢"; not from a climb
    # or anger: "爬坡爬得喘不赢", "气得我喘不赢")
    rf"|{_NOT_WORN_OUT}(?<![猪牛羊鸡鸭鹅狗马])(喘不赢|出气不赢|出不赢气)"
    r"|做完手术|手术后|术后|刚出院|移植|早产|新生儿|产妇|坐月子|月子里|刚(生|出生|生下来)的(娃|孩子|宝宝|婴儿)|刚生了?(小孩|孩子|娃|宝宝)|临产|要生了|(?<![猪牛羊鸡鸭鹅狗马])喘不[过上](气|来)|(?<![猪牛羊鸡鸭鹅狗马])喘得厉害|(?<![猪牛羊鸡鸭鹅狗马])憋得(慌|直|难受|喘|脸)|心脏病|哮喘"
    r"|卫生室|卫生院|诊所|医务室"
    # lying and unable to rise ("睡倒起不来"), and cold's signs on the body ("手脚发紫", "体温低了")
    r"|(睡|躺|瘫)(倒|在床上?)[^，。,.]{0,2}起不来|(手脚|手|脚|嘴唇|嘴巴|脸)[^，。,.]{0,2}发紫"
    r"|体温[^，。,.]{0,2}(低|下降|降)|冻僵|失温"
    # someone who needs the nebuliser ("孩子有病需要雾化"): a need when the power is off
    r"|雾化(?!喷|降温|加湿|效果|器厂)"
)
# A clinic gone to for a treatment ("吸氧是去卫生院吸的", fifty-second round): not a clinic with
# its power off ("镇卫生院停电了"), read at the end of the words before a clinic named, and only
# where no need at home is said ("屋里没机器": not someone hurt taken there, "送他去镇卫生院").
CLINIC_GONE_TO = r"(去|到)[^，。,.]{0,3}(卫生室|卫生院|诊所|医务室)$"
# A fish tank's or a pond's aerator ("鱼缸的打氧机", "虾塘的增氧泵") is no oxygen for a person: an
# aerator in a note about fish, shrimp or a pond.
AERATOR = r"(打|增)氧[机泵]"
AQUATIC = r"鱼|虾|蟹|塘|缸|水产|养殖"

# An outage told of as what happens each time, or as a time to prepare for ("每回停电他们都慌",
# "停电前挨家通知"): no outage now.
HABITUAL_BEFORE = (
    r"每次|每回|每当|每逢|一到(?:晚上|夜里|下雨|下雪|刮风|打雷|夏天|冬天|过年|农忙|凝冻)"
    # outages to come, an idea ("建议以后停电 先别停有病人的户", "今后停电要提前说"): 以后 opening
    # its clause or after the idea's word, not after an event ("回家以后停电了", "10点以后停电了")
    r"|今后|往后|日后|将来|(?<![^，。,.!！?？\s])以后|(建议|希望|意见|提议)[^，。,.!！?？]{0,4}以后"
)
# ("停电了好通知": an outage to be told of, a case to come)
HABITUAL_AFTER = (
    r"(之前|以前|前|了?(好|方便|以便)(通知|告诉|知道|准备|安排|联系)"
    # ("停电先打电话", "停电请通知我们": what to do when one comes; not "停电打电话来问")
    r"|(要|请)?先(打个?电话|通知|告诉|讲一声|说一声)|(要|请)(打个?电话|通知|告诉|讲一声|说一声))"
)

# A machine failing: the one list of the words a machine at home fails by, for every rule that
# asks whether it is failing now: a machine named with the power off (``POWER_TROUBLE``), asked
# about (``medical._HOW_NOW``) or failing after the power came back
# (``medical_power_on._FAILING_AFTER``).
MACHINE_FAILING = (
    r"不转|转不动|带不动|用不了|开不了|开不起来|动不了|不能用|报警|瘪了|不会?动|不会转|没反应"
    r"|打不开|启动不|不工作"
)

# The power is off or failing (what makes a person at home a medical need).
POWER_TROUBLE = (
    r"(?<!计划)停电|停了[^，。,.]{0,4}电|没电|(?<!有)没有电(?!费|价)|莫得电|没得电|么得电|(?<![什怎这那多要])么电|冇得?电|没的电|莫电|断电|断了电"
    r"|冒电(?!火)|(还|都)?(没|未)通电|电[^，。,.]{0,3}(没|未|冇)(返|回来|恢复)|(没|未|冇)返电"
    r"|黑起|黑火|(?<!天)黑(了|哒|咯|喽)|跳闸|掉闸|电停|电断|电又停|电来了又|电没了|拉了?闸|把闸拉"
    # the power off as the caller speaks ("俺家现在就停着")
    r"|(现在|这会儿?|眼下|还|一直)(就|还|都)?停着"
    # …or just gone ("机器要用电，现在停了")
    r"|(现在|这会儿?|眼下)(又|就|都)?停了|(?<![雨风雪])又停了"
    r"|(剪|掐|拆)了[^，。,.]{0,4}(线|电|表)|欠费[^，。,.]{0,4}(停|断|拉)"
    # cut off ("交电费晚了被停了", "给断了电")
    r"|(被|给)(停|断|拉|掐)(了|掉|咯|喽|哒)|(被|给)[^，。,.]{0,3}(停|断)了?电"
    # A disconnection coming to this household ("你们要来停我家的电", "收到停电通知").
    r"|停(我|我们|我家|我屋|我们家)(家|屋)?的?电|(收到|接到)[^，。,.]{0,4}(停电|断电|欠费)通知"
    r"|(还|都|一直|仍然?|至今)(没有?|未|不)(来电|送电|复电|恢复)|(突然|忽然|一下子?)[^，。,.]{0,2}停了"
    r"|(全|整个?)(村|组|队|屯|庄|寨|片|连|社)[^，。,.]{0,3}停了"
    r"|(?<![打致回去])来电(?!人|号码|显示|称|反映|要求|咨询|投诉|表扬|询问|问|说)|送电|复电|恢复供电"
    r"|电压[^，。,.够]{0,3}(低|不稳|不够)|电不稳|电[^，。,.够]{0,2}不够"
    rf"|(机器|机子|设备|制氧机|氧气机|呼吸机|暖箱|保温箱|床)[^，。,.]{{0,4}}(停了|{MACHINE_FAILING})"
    r"|电池[^，。,.]{0,6}(没电|快没|撑不|用完|只能)"
    # off for a while told, the power left unsaid ("停了两天", "停了一晚上了", "已经停了五个钟头")
    r"|停了?[0-9一二两三四五六七八九十半几]+个?(天|日|晚|夜|宿|钟头|小时|个钟)(?![^，。,.]{0,2}[水气工课车])"
)

# An outage on a day named (a planned one coming, "下周二计划停电"), not outages in general
# ("以后停电能不能提前说"): a household on a machine has to plan for that one now.
ANY_OUTAGE = (
    r"(今天|今晚|明天|明早|后天|这周|本周|下周|下个?星期|下个?礼拜|周[一二三四五六日天]"
    r"|星期[一二三四五六日天]|礼拜[一二三四五六日天]|[0-9一二三四五六七八九十]+[号日]|下个月|这次(?!没)|这回(?!没))"
    r"[^。.!！?？]{0,20}(停电|断电|拆表|拆电表|[停断][0-9一二两三四五六七八九十半几]+)"
    # …the day said after ("计划停电通知上写后天全天"), or a notice of one received
    r"|(停电|断电)[^。.!！?？]{0,8}(今天|今晚|明天|明早|后天|这周|本周|下周|下个?星期|下个?礼拜"
    r"|周[一二三四五六日天]|星期[一二三四五六日天]|[0-9一二三四五六七八九十]+[号日]|下个月)"
    r"|(收到|接到|贴了?|发了?)[^，。,.]{0,6}(停电|断电)(的)?通知"
    # …or the day of a cut for arrears, said short ("余额不够，今晚就停")
    r"|(今天|今晚|明天|明早|后天|下周|这周|本周|下个?星期|下个?礼拜|[0-9一二三四五六七八九十]+[号日])"
    r"(就|要|就要|会)?停(?=[，,。.!！?？\s]|$)"
)

# The cut asked to be held ("先莫停", "暂时别给我们停", "千万不要拉闸"): a cut coming to this
# household, a need now with a machine or a person who depends on it (``medical``: only where it
# is said now, not as a condition or a wish for outages to come).
CUT_HELD = (
    r"(先|暂时|千万|今天|今晚|这[两几]天)[^，。,.!！?？]{0,4}?(莫|别|不要|莫要|甭|不能)(忙着?|急着?)?"
    r"(给[^，。,.!！?？]{0,4})?(停|断|拉闸|拆表)(?![水车工课下止留])"
)
# (the word it is read from: negated itself, the cut held is read by what comes before it)
CUT_HELD_LEAD = r"先|暂时|千万|今天|今晚|这[两几]天"
# (outages to come in general, an idea: "建议以后停电先别停有病人的户")
CUT_HELD_IN_GENERAL = r"建议|意见|今后|往后|将来|以后[^，。,.!！?？]{0,3}停电"
