"""Written Cantonese, Wu and Minnan words and what they read as in Mandarin: the urgency rules
read a note so (``urgency.as_mandarin``) when it has a word written Mandarin never uses, before
they listen for dangers and needs; the model reads the note as written.
"""

from __future__ import annotations

# Traditional characters, as Hong Kong's, Macao's and some Guangdong callers write ("停咗電，製氧機
# 停咗"): read as simplified before anything else, so that the words below and every danger and need
# match. Only characters with one simplified reading in these notes.
TRADITIONAL = (
    "電線斷燒煙險報壓樹發開關閘邊處來還這個們請點應裡裏燈錶鐵樓讓麼沒嗎氣機製幾時醫藥"
    "護癱瘓嚇傷觸擊變櫃門頭後歲媽爺響聲爐熱燙濕灣趕緊馬話說講問題離車掛從搵廠罷爛墻牆"
    "盡孫陣種鐘竇經師條駁謝"
)
SIMPLIFIED = (
    "电线断烧烟险报压树发开关闸边处来还这个们请点应里里灯表铁楼让么没吗气机制几时医药"
    "护瘫痪吓伤触击变柜门头后岁妈爷响声炉热烫湿湾赶紧马话说讲问题离车挂从找厂罢烂墙墙"
    "尽孙阵种钟窦经师条驳谢"
)

# Written Cantonese, as Guangdong's and Guangxi's callers are written down ("条线断咗，跌喺鱼塘
# 度"): read as Mandarin before the rules listen, longest forms first. Only words whose Mandarin
# reading is certain; the model reads the note as written.
CANTONESE: tuple[tuple[str, str], ...] = (
    ("唔该", "麻烦"),
    # reconnected ("驳返好", "驳好咗")
    ("驳返好", "接好了"),
    ("驳返", "接好"),
    ("驳好", "接好"),
    ("佢哋话", "他们说"),
    ("佢话", "他说"),
    ("但系", "但是"),
    # "紧" after a verb is doing it now ("着紧火", "烧紧")
    ("着紧火", "在着火"),
    ("烧紧", "在烧"),
    ("漏紧", "在漏"),
    ("冒紧", "冒着"),
    ("落紧", "在下"),
    ("好快嚟", "很快就来"),
    ("嗰阵", "当时"),
    ("嗰", "那"),
    ("系唔系", "是不是"),
    ("系咪", "是不是"),
    ("有冇", "有没有"),
    ("唔系", "不是"),
    ("唔知", "不知道"),
    ("细路仔", "小孩"),
    ("细路", "小孩"),
    ("屋企", "家里"),
    ("而家", "现在"),
    ("啱啱", "刚刚"),
    ("落雨", "下雨"),
    ("畀电", "被电"),
    ("俾电", "被电"),
    # shocked ("俾电电亲", "电亲我"; not "电亲人", the electric kin a station is praised as, set
    # against the "electric tiger"), a thing fallen ("棵树冧落条线度", "电线杆冧咗"), come down
    # ("落嚟")
    ("电电亲", "电到"),
    ("电亲我", "电到我"),
    ("电亲佢", "电到他"),
    ("电亲手", "电到手"),
    ("电亲脚", "电到脚"),
    ("冧", "倒"),
    ("跌喺", "掉在"),
    ("跌落", "掉下"),
    ("跌咗", "掉了"),
    ("跌入", "掉进"),
    ("落嚟", "落下来"),
    ("我哋", "我们"),
    ("你哋", "你们"),
    ("佢哋", "他们"),
    ("搭住", "搭着"),
    ("吊住", "吊着"),
    ("挂住", "挂着"),
    ("压住", "压着"),
    ("咗", "了"),
    ("喺", "在"),
    ("嘅", "的"),
    ("唔", "不"),
    ("冇", "没"),
    ("佢", "他"),
    ("啲", "些"),
    ("嚟", "来"),
    ("睇", "看"),
    ("仲", "还"),
    ("郁", "动"),
    ("掂", "碰"),
)

# Written Wu, as the Yangtze delta's callers are written down ("线浪向火星噼啪，侬快点来"): read as
# Mandarin before the rules listen, in order; each a pattern and what it reads as. Only words whose
# Mandarin reading is certain ("伊" is left: 伊春, 伊犁 and 伊宁 are places; "阿拉" before a place's
# suffix is a place: 阿拉善, 阿拉乡), and "勿" only where it is no written Mandarin prohibition
# ("请勿靠近"). A note is read so only when it has a word written Mandarin never uses (``urgency``).
WU: tuple[tuple[str, str], ...] = (
    ("勿晓得", "不知道"),
    ("(?<![请切])勿好", "不能"),
    ("(?<![请切])勿", "不"),
    ("覅", "不要"),
    ("侬", "你"),
    ("啥人", "谁"),
    ("阿拉(?![善乡镇村沟山尔丁伯克木斯坦湖河街])", "我们"),
    ("伊拉", "他们"),
    ("辰光", "时候"),
    ("屋里[向厢]", "家里"),
    ("物事", "东西"),
    ("交关", "很"),
    ("哪能", "怎么"),
    ("搿个|迭个", "这个"),
    ("搿", "这"),
    ("[呒嘸]没|[呒嘸]", "没有"),
    ("今朝", "今天"),
    ("明朝", "明天"),
    ("昨日", "昨天"),
    ("上趟", "上次"),
    ("下趟", "下次"),
    ("一歇", "一会"),
    ("落雨", "下雨"),
    # "断脱了", "跳脱", "挂脱了": a thing done, "了".
    # "断脱电了": the power cut, "断电了" (not a line broken).
    ("(断|停|跳)脱电", r"\1电"),
    ("(断|跳|烧|坏|掉|落|吹|刮|塌|倒|停|熄|灭|关|拉|扯|挂|脱)脱(?=过)", r"\1"),
    ("(断|跳|烧|坏|掉|落|吹|刮|塌|倒|停|熄|灭|关|拉|扯|挂|脱)脱了?", r"\1了"),
    # "线浪", "墙浪向": on a thing.
    ("(线|墙|杆|屋顶|房顶|地|路|树|台|桥|田|顶|头)浪向?", r"\1上"),
    ("拨(?=你|我|他|她|我们|他们)", "给"),
    ("伐(?=晓得|是|要|会|好|来事|灵)", "不"),
    ("伐(?=[？?，,。.!！\\s]|$)", "吗"),
)

# Written Minnan, as southern Fujian's, Chaoshan's and Hainan's callers are written down ("阮厝无
# 电，阮阿爸咧用制氧机", "恁紧来，电线断去，落佇路边"): read as Mandarin before the rules listen,
# in order, when the note has a word written Mandarin never uses (``urgency``). Only words whose
# Mandarin reading is certain: "伊" only where it is no place or name (伊春, 伊犁, 伊朗, 伊斯兰,
# 伊利, 木乃伊), "阮" not as a surname (阮师傅), "遮" not as "cover" (遮雨, 遮住), "予" not as
# "give" (给予, 予以), "欲" not as "desire" (欲望).
MINNAN: tuple[tuple[str, str], ...] = (
    # a child, now, last time, how, so much, at midnight, beside, outside, what
    ("[囡囝]仔", "小孩"),
    ("细汉[囡囝]?", "小孩"),
    ("(?:这|即)马|(?:这|即)阵(?!子)", "现在"),
    ("顶摆|顶回|顶改|上摆", "上次"),
    ("下摆|后摆", "下次"),
    ("彼工|彼日", "那天"),
    ("按怎|安怎", "怎么"),
    ("[遮遐]尔", "这么"),
    ("半暝", "半夜"),
    ("(?:边|墘)仔", "旁边"),
    ("外口", "外面"),
    ("连鞭", "马上"),
    ("有闲", "有空"),
    ("强欲", "快要"),
    # the ground, the bed ("倒佇眠床": lying in bed), a home, a household's members
    ("土脚", "地上"),
    ("倒[佇咧]眠床|倒[佇咧]床", "躺在床上"),
    ("眠床", "床"),
    ("厝边(?:头尾)?", "邻居"),
    ("(阮|恁|伊|我|你|他|汝)兜", r"\1家"),
    # "汝" is "you" (not the places 汝州, 汝阳, 汝南, 汝城)
    ("汝(?![州阳南城河窑瓷])", "你"),
    # "顶懸" is "above", "头壳" the head
    ("顶[懸悬]", "上面"),
    ("头壳", "头"),
    ("厝(?:里|内|底)", "家里"),
    ("起厝", "盖房子"),
    ("厝顶", "屋顶"),
    ("厝", "家"),
    ("(?:阮|我)某", "我老婆"),
    ("(?:阮|我)翁", "我老公"),
    ("伊某", "他老婆"),
    ("阿母", "妈妈"),
    # the pole, the line and the power: "电火" is the electric light, and power
    ("电火(?:柱|杆)", "电杆"),
    ("电火线", "电线"),
    ("电火(?![花灾星苗光])", "电"),
    ("臭火焦味?|火烧味", "焦糊味"),
    # "发火" is a thing catching fire ("线头咧发火"), not a temper
    ("发火", "冒火"),
    # not, cannot, no: "袂" is "不会" ("袂着火": it will not burn), "毋" is "不"
    ("袂用得?", "不能用"),
    ("袂(?:使|当)", "不能"),
    ("袂晓", "不会"),
    ("袂(?=[敢过起出动])", "不"),
    ("袂", "不会"),
    ("毋(?!庸|须|宁)", "不"),
    ("无(?:看着|看见|看到)", "没看到"),
    ("看着", "看到"),
    ("会当", "能"),
    ("无(?=电|人|代志|啥|要紧|危险|问题|事)", "没"),
    ("啥物", "什么"),
    ("无(?=[？?，,。.!！\\s]|$)", "吗"),
    ("攏", "都"),
    (r"嘛(?=[^，,。.!！？?\s])", "也"),
    ("免惊", "不用怕"),
    ("(?<![吃受])惊(?!喜|讶|动|醒|吓|人|险|奇|慌)", "怕"),
    ("无(?!论|法|线|人机|效|奈|数|限|聊|关)(?=[\u4e00-\u9fff])", "没"),
    ("佇|伫", "在"),
    # "咧" before a verb is doing it now ("咧冒烟"); after one it closes the clause
    ("咧(?=[^，,。.!！？?\\s])", "在"),
    ("咧", ""),
    ("(?<![给授赋免准施寄])予(?!以)", "被"),
    ("电着", "电到"),
    ("(断|歪|倒|烧|坏|跳|熄|破|裂|爆|着|黑|融|化)去矣", r"\1了"),
    ("(断|歪|倒|烧|坏|跳|熄|破|裂|爆|黑|融|化)去(?![看找买叫问])", r"\1了"),
    ("矣", "了"),
    ("落佇|落在", "掉在"),
    ("落来", "落下来"),
    ("落去", "下去"),
    ("(?<=[垂吊歪斜烧])甲", "得"),
    ("黏", "贴"),
    ("(?<!欲)(?<=[的门])开开", "开着"),
    ("恁", "你们"),
    ("阮(?!师傅|姓|先生|女士|小姐|经理|老师|家村|氏)", "我们"),
    ("伊(?!春|犁|宁|朗|斯|拉克|利|甸|始|吾|通|人|妹|万)", "他"),
    ("彼(?!此)", "那"),
    ("(?<=[那这一两])支(?=电杆|杆)", "根"),
    ("遮(?![挡住阳盖掩蔽雨光风丑羞])", "这里"),
    ("遐", "那里"),
    ("(?<!欲)欲(?!望)", "要"),
    ("较紧|紧(?=来|去|派|处理)", "快"),
    ("耍", "玩"),
)

# Xiang speech, as Hunan's hill callers are written down ("屋门口那根线掉哒", "咯根杆子歪
# 哒", "村民港电杆子歪哒", "应该么子办"): read so by the rules only (the model reads Xiang as
# it is written), when the note has a word written Mandarin never uses (``urgency``). "港" is
# "讲" only where it is no harbour or Hong Kong (香港, 港口, 港澳, 港湾); "咯" is "这" only
# before a measure word or a place ("咯根", "咯里"), not the particle that closes a clause
# ("断咯").
XIANG: tuple[tuple[str, str], ...] = (
    ("(?<![哒嘀滴吧么啪])哒(?!哒)", "了"),
    ("么子办", "怎么办"),
    ("么子", "什么"),
    ("细伢[子崽仔]?|伢[子崽]", "小孩"),
    ("娭毑", "奶奶"),
    ("嗲嗲", "爷爷"),
    ("嗯咯", "嗯"),
    ("咯(?=[根个只条块些里边几回样么是次栋号])", "这"),
    ("(?<![香海军商渔空河油])港(?![口澳湾股币台区务资剧城])", "讲"),
)


# Gan speech, as the hill counties of north-western Jiangxi are written down from the hotline's
# transcripts ("箇只电杠子朝我屋里栽过来哩", "许根线断哩", "箇下电好好个"): read so by the rules
# only, when the note has a word written Mandarin never uses (``dialects._GAN_MARK``). "箇" is
# "这" and "许" "那" only before a measure word or a place ("箇只", "许根", "许里"; not 也许,
# 许多, 允许); "哩" is "了" after a verb of what happened ("倒哩", "断哩"), "个" "的" between a
# verb and a machine or a thing ("吸氧个机器", "掉下来个电线").
GAN: tuple[tuple[str, str], ...] = (
    ("箇下|箇阵", "现在"),
    ("箇(?=[只根个条块些里边回样次栋号])", "这"),
    ("(?<![也或允少准特默期几兴应称容赞])许(?=[只根个条块些里边回])", "那"),
    ("(?<=[倒断歪掉落炸松淹烧停来好起燃着走坏跳垂吊麻通冒栽漏瘪死])哩", "了"),
    ("(?<=[氧肾痰化透析来下上])个(?=[机电线药箱杆杠表])", "的"),
    ("电线杠子|电杠子|线杠子|电杠|杠子", "电杆"),
    ("朝(?=[^，。,. ]{0,6}栽)", "往"),
    ("栽(?=过来|下来|到|倒|在)", "倒"),
    ("冇得|冇有|冇", "没"),
    ("洗肾", "透析"),
)

# A transformer called by its look, in any speech ("黑罐子", "黑罐罐", "大罐子" on the pole; not
# a jar of pickles: "黑罐子里的酸菜"): read as 变压器 by the rules (``dialects.as_xiang_read``).
TRANSFORMER_NAMES = r"黑罐罐|黑罐子(?![里中内]的?[菜酒水肉汤油])|黑铁罐子?"

# A child called as the south's and the middle Yangtze's speech calls one ("细崽", "伢崽", "娃崽",
# "细伢子", "小把戏"; not a beast's young: "猪崽崽"), in any speech: read as 小孩 by the rules
# (``dialects.as_xiang_read``; fiftieth round).
CHILD_NAMES = r"细崽|伢崽|娃崽|细伢子?|细把戏|小把戏|(?<![猪牛羊狗猫鸡鸭鹅兔马])崽崽"

# Ningbo-Zhoushan and Taizhou Wu, as the islands' and the coast's callers are written down
# ("增氧机格线浸在水里", "现在勿用了", "狗碰了一记倒下去"): 格 for 的, 勿 before any verb, 一记
# for 一下, 夜到 for the night; read by the rules alone (``dialects.as_xiang_read``; the
# fifty-first round), after the delta's words (``WU``). 格 only between two characters that
# make no Mandarin word with it (价格, 网格员, 格外, 一格电, 格桑, 格日勒), 伊 only where it is
# no place or name (伊春, 伊犁, 伊朗).
SOUTHERN_WU_GE = (
    r"(?<=[\u4e00-\u9fff])(?<![价资合规表风性严人及空方网品体定升破降隔打几半满一二两三四五六七八九十德"
    r"这那])格(?=[\u4e00-\u9fff])(?![子外式局栅尔桑调言斗林力兰里鲁拉日根勒玛达格])"
)
SOUTHERN_WU: tuple[tuple[str, str], ...] = (
    (SOUTHERN_WU_GE, "的"),
    ("(?<![请切])勿(?![忘扰施庸])", "不"),
    ("一记", "一下"),
    ("夜到", "晚上"),
    ("里向", "里面"),
    # (上趟 is the last time: "上趟树压线 你们砍树砍得干净")
    ("上趟", "上次"),
    ("(?<!乃)伊(?![春犁朗宁斯利拉甸万吾通川水金藤吉])", "他"),
)
