"""The words of how a caller speaks of a danger, a need or the power being off (``readings``):
clauses and sentences, a denial, a prohibition, a fear or a question, hearsay, a condition, a
time to come, thanks and praise, a thing done or put right, markers of a time past and of now,
signs that a danger is still there, and help wanted now.
"""

from __future__ import annotations

# A clerk's note that opens with a place, and perhaps who called from it, and then what they asked
# ("李家村问电费怎么交", "10:20 王家寨 问…", "马家湾张大爷问…", "紫云火花 问…"): a question, as
# "请问…" is. The place is words ending as places end, with nothing of a danger in them (not
# "电线断在王家村 问…"); who called is a word for a caller or a name with a title.
PLACE_ASKS = (
    r"^[0-9:：.\s]*([^\s，。,.!！?？:：问电线杆断倒歪斜冒烧]{1,12}?"
    r"(村|寨|组|社|屯|镇|乡|街|社区|湾|坪|沟|坝|冲|庄|营|堡|岭|铺|场|队|坡|垭|坳|塘|院|小区|坎|岗|峪|峁|洼|嘴|垴|窝|溪|桥|井|圩|墟|集|店|山|火花)"
    # …or any words the clerk set apart by a space, with nothing of power, a danger or a need in
    # them ("册亨双江 客户问…", "罗甸边外 问…")
    r"|(([^\s，。,.!！?？:：问电线杆断倒歪斜冒烧烟火淹麻漏爆炸塌垮掉落停黑闸表箱机氧病瘫床透]|火花){2,8}\s+){1,3})"
    r"\s*(的|一|有)?\s*(户主|用户|客户|村民|居民|群众|老人家?|老乡|户|[\u4e00-\u9fff]{1,2}"
    r"(某某?|大爷|大娘|大妈|婆婆|阿姨|大姐|大哥|老师|师傅|老板|老汉|奶奶|爷爷|叔|伯|嫂|姐|哥))?"
    r"\s*[:：]?\s*(来电|打电话|打来电话|电话)?\s*(咨询|请问|想问|问一下|问下|问问|打听|问)(?![题责候路])"
)
INQUIRY = (
    PLACE_ASKS + r"|建议|希望|登记|听说|请问|想问|问一下|问下|问问|咨询|需要[^，。,.]{0,8}吗"
    r"|要不要|有没有|是不是"
    r"|可不可以|能不能(?!快|早|先)|以后|将来|提前|备一台|备个|一般(?!都)|多久能|要多久|需要多久"
    r"|用多少电|(用|耗|费|要)(好多|多少)度?电|费不费电|耗电|划不划[得算]"
)

# Clauses: a danger is judged within its clause and what is said around it.
CLAUSE = r"[，,。.;；！!?？\s]"
SENTENCE_END = r"[。.!！?？]"

# The words of a denial just before a danger: "没有打火", "没看到哪里冒烟", "不会着火吧".
# Only the few characters right before count, so "不知道为什么冒烟" stays a danger.
NEGATION = (
    r"(倒是不|没有|没得|莫得|么得|冇得|冇|没的|没|未|无|(?<![是会能要])不|并未|并没有|(?<![特区分级告离个类识鉴性差])别|(?<![是会])不是|不要|嫑|甭|莫)"
    r"(看到|看见|见到|见着|见|发现|听到|闻到|闻着|出现|明显|有|再|会|是|在|让|要)?有?"
    r"(什么|任何|啥|啥子|哪样|哪里|哪点|哪儿|哪|什么地方|地方|(?<!别)人|哪个|谁)?(有|在)?$"
    # what nearly happened did not ("水差一点淹到箱子")
    r"|(差一?点儿?|险些)就?$"
)
# A denial just after a danger, closing its clause: "冒烟倒是没有", "打火的情况没看到".
NEGATION_AFTER = (
    r"(的情况|的现象|的话|这些|这种)?(倒是|倒|是|也|都|就|还)?"
    r"(没有|没得|莫得|么得|冇得|冇|没看到|没看见|没发现|没见到|没见|没听到|没)(的|了|啊|呀|哈|过)?"
)
# A prohibition inside the words of the danger: "娃娃不要爬电杆", "莫让牛去碰电线".
PROHIBITION = (
    r"不要|嫑|甭|(?<![特区分级告离个类识鉴性差])别|莫(?!得)|不能|不准|不许|禁止|严禁"
    r"|(?<!离)不得|千万"
)
# A danger only feared, or asked about, just before it in its clause: "怕电线被刮断",
# "会不会漏电", "是不是漏电了". ("怕是" is "probably", said of a danger there now.)
FEARED = (
    r"(怕(?!是)|害怕|担心|防止|以免|避免|预防|防范|小心|当心|注意(?!到|[：:])|提防|容易|是否会|会不会"
    r"|是不是|是否|有没有|有无|咋个防|怎么防|如何防|将来|今后|下次"
    # a guess at where, or a look asked for ("估计是哪根线断了", "看看哪的线低了")
    r"|(估计|估摸|可能|看看|查查|检查|巡)[^，。,.]{0,3}哪(根|条|段|里|儿|的|个|处|些)"
    # what the news or a video showed of elsewhere ("电视上说有着火的", "别像新闻上那样着火")
    r"|新闻|(电视|网上|抖音|快手|视频)[^，。,.]{0,3}(说|讲|报道|播|看到|看的|上看|里看)"
    r")[^，。,.!！?？]{0,8}$|(?<![不])会$"
)
# Hearsay about another place, just before the danger ("听说隔壁镇电线断了"): a place, not a
# neighbour's house ("听说隔壁家的线着火了" is here).
HEARSAY_ELSEWHERE = (
    r"(听说|听人说|据说|有人说)[^，。,.]{0,3}((隔壁|邻)(?=镇|村|县|乡|市|省|小区|区)|外地|外村|外省"
    r"|外县|别的(地方|村|镇|县)|别处|其他(地方|村|镇|县|小区)|人家那)[^，。,.!！?？]{0,8}$"
    # …or heard of long ago ("以前听说有人被电到")
    r"|(以前|之前|早先|老早)(听说|听人说)[^，。,.!！?？]{0,8}$"
)
# …or of a place named as over there, set against ours in a question ("听说泸水那边有人遭电打
# 了，我们这边有没有这种危险"; not "听说村口那边线断了，派人去看看").
HEARSAY_OVER_THERE = (
    r"(听说|听人说|据说|有人说)[^，。,.我你他她这那本隔邻家屋]{2,4}那边[^，。,.!！?？]{0,8}$"
)
OURS_ASKED = r"我们[^。.!！?？]{0,20}(会不会|有没有|要不要|[?？])"
# …and the note says it is here or now too ("现在火烧到我家来了", "就是刚才").
HERE_OR_NOW = r"现在|刚才|刚刚|就是(?!问)|这会儿?|我家|我们村|本村|其实|还在|还躺|烧到"
# Hearsay ("有人说", "听说") is a report when it tells what someone saw ("有人说拉线摸到麻手") and
# a fear only when it says what may come ("听说电线会被刮断"): ``HEARSAY`` with ``MAY`` in the
# clause.
HEARSAY = r"有人说|听人说|听说|据说|说是|听讲|听人讲|有人讲|听别个(?:说|讲)|听别人(?:说|讲)"
# Cases heard of ("听讲有着火的", "听说有被电到的"): the danger named as a kind of thing that has
# happened somewhere, a fear when the note asks and says nothing of here or now.
CASES_HEARD = r"(?:" + HEARSAY + r")[^，。,.!！?？]{0,4}有$"
CASES_AFTER = r"(?:人|牛|猪|狗|羊)?的(?:人|事|情况)?|过的"
SAFE_ASKED = r"(安全|危险|要紧)(不|吗|么|没)|安不安全|危不危险"
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
# (Not the question "什么时候来电": a time asked for, not a case that may come.)
WHEN = r"(?<!什么)(?<!啥)(?<!哪个)(?<!么子)(的)?时候"
# A drill or exercise named in the note ("学校要搞消防演练"): a danger asked about in it is a case
# to practise for ("屋里起火了是先拉闸还是先泼水"), unless help is wanted now.
DRILL = r"演练|演习"
# A note said to be only a question ("先问问", "只是问一下") that says the case has not come now
# ("现在水还没来"): its "现在" is no particular time of the danger.
ONLY_ASKING = r"先问问|先问一下|先问下|只是问问|只是问一下|问问而已|随便问问"
NOW_DENIED = r"现在[^，。,.!！?？\s]{0,3}?还?(没|没有|莫得|冇|未)"
QUESTION = (
    r"[?？]|吗|么|怎么|咋个|咋|如何|要不要|能不能|可不可以|该|应该|多远|多久|好不好|行不行"
    r"|建议|希望|最好"
)
# How to tell such a thing, asked right after it in a note that opens as a question ("咨询电热水
# 器漏电怎么判断"; not "漏电，咋个判断": a fact, then a question; not "插座漏电怎么判断 手麻得很").
HOW_TO_TELL = r"(怎么|怎样|如何|咋个?|咋样)(判断|看出来)"
ASKING_OPENS = r"^(咨询|请问|想问|问一下|问下|问问|我想问|我问一下|用户咨询|客户咨询)|" + PLACE_ASKS
PARTICULAR_TIME = (
    r"昨|今|刚|前天|这哈|这会|现在|早上|晚上|半夜|凌晨|上午|下午|中午|那天|那晚|上次|当时|去年"
)
# A danger asked about right after it: "漏电了吗", "会不会有危险", "正常吗", "要不要紧".
ASKED_AFTER = (
    r"(了)?(吗|么|没有?[?？]|不[?？])|正常吗|正不正常|要不要紧|合不合|危不危险|有没有危险"
    r"|会不会有?危险|安不安全|有没有事|要紧吗|(是不是|是否)(正常|有问题|危险|要紧|安全)(的|呀|啊)?"
    # the cause asked in general ("变压器冒烟一般是什么原因")
    r"|(一般|通常|一般来说)(是|都是)?(什么|啥|啥子|哪样|么子)(原因|问题|引起的|造成的)(呢|啊|呀)?[?？]?"
    r"|(了)?(以后|之后)(要不要|怎么|咋|该|应该|如何).*"
    # how to guard against it ("漏电咋个防")
    r"|(该|要)?(咋个|怎么|如何|咋|怎样)(防|预防|防止|避免|防范)(呢|啊|呀)?[?？]?"
    # "电线掉到地上了应该怎么办": what to do in such a case
    r"|[^，。,.]{0,6}?(了)?(应该|该|要)?(怎么办|咋办|咋个办|怎么处理|咋处理|如何处理)(呢|啊|呀)?[?？]?"
)
# Said of a time to come: "停电前通知一声"; and, opening the clause, "以后停电先通知".
# ("断线前天就报了": "前天" is a day past, not "before".)
# ("跟前", "面前", "门前" are places, not times.)
FUTURE_AFTER = r"((?<![跟面眼门])前(?!天|晚|日|年|几天|些天|两天|阵)|之前)"
FUTURE_BEFORE = r"^(以后|今后|往后|将来|下回|下次)"

# Thanks or praise for something already done; a danger or need said inside it was dealt with.
# Not after 不/没 ("不负责", "不满意" are grievances), nor "负责" asked for ("谁负责", "要负责",
# "有没有人负责", "负责人呢").
THANKS = (
    r"感谢|谢谢|多谢|谢了|表扬|点赞|点个赞|赞一个|锦旗|辛苦(你们|恁们?|您|师傅|了)|幸亏|多亏|幸好|好在"
    # (Henan's 恁; remembered: "庄里人都念着", "我们一直记得")
    r"|(都|一家人|一家子)谢(恁|您|你们)|(都|一直|还)念着|(一直|都)记得|道(个|声)?谢"
    # (a debt of gratitude: "这份情记着", "记一辈子", "专门打电话来谢")
    r"|这份情|记一辈子|忘不了|(?<![不没])来谢(?!绝)"
    r"|要不是(你们|他|她|师傅)|好人|记着你们|说你们好|夸你们|勇敢|了不起|好样的|靠得住|信得过|靠谱|给力|(?<![不没])(满意|(?<![谁要人])负责(?!人)|专业|细心|耐心|佩服|感动|感激|暖心|贴心)"
)
# Praise that says by itself the call is to thank ("我要表扬", "来电感谢", "太贴心了").
PRAISE = (
    r"表扬|点赞|点个赞|赞一个|锦旗|感谢信|(来电|致电|专门|打电话|想|要|是来|是想)(感谢|谢谢|表扬)"
    r"|(太|很|真|好|非常|特别)(贴心|暖心|负责|细心|耐心|专业|感动|感激|勇敢)"
    r"|都感激|感激不尽|万分感谢|太感谢|感谢不尽"
    # Guizhou's and Sichuan's word of praise for a person ("你们那个王师傅板扎得很")
    r"|(师傅|师父|你们|电工|小伙子?|姑娘|妹儿?|小妹|哥|同志|班长|所长)[^，。,.!！?？]{0,4}(板扎|巴适)"
    # …or said plainly of the person ("张师傅人真好": notes43's scaffold)
    r"|(师傅|师父|电工|小伙子?|同志|班长|所长)[^，。,.!！?？]{0,3}人(真|很|太|特别|非常|蛮|挺)好"
    # thanks for a visit or a lesson ("谢谢你们来学校讲安全用电")
    r"|(谢谢|感谢)(你们|师傅|老师)?(来|到)[^，。,.]{0,6}(讲|宣传|上课|培训|教)"
)
DONE = (
    r"(修|立|接|扶|弄|搞|换|装|处理|抢修|断|整)(好|起来|完|正)|修复|来修|来换|抢修|处理了|处理得|换了|换掉了|换成|换过了"
    # (what hung on a line taken down: "师傅停电取下来", "半夜上去拿下来的"; not asked or wanted:
    # "你们能不能来拿下来", "快来取下来")
    r"|((?<![能不想要快请烦来])|(?<![能不想要快请烦])来(给|帮忙)?)(取|拿|摘|弄)下来(了|的)?"
    r"(?![^，。,.]{0,2}[吗么？?])"
    r"|(半夜|连夜|当天|马上|很快|立马|及时)[^，。,.]{0,3}来处理|(锁|关)(上|好)了"
    # (help come at once, of a time past: "去年线子掉下来那回，你们半夜就来了")
    r"|(半夜|连夜|当天|马上|很快|立马)就?(来了|到了)|(立|装|换|架|接)(成)?新的"
    # (the power back soon, a night got through: "谢谢 来电快", "借了个发电机顶过去了"; not asked
    # for: "来电快点", "来电快吗")
    r"|来电(?:真|好|很|太|蛮|特别|非常|这么|那么|得|得很|得真)?快(?![点些一吗么嘛呀啊])"
    r"|(?<![能没不])(顶|撑|熬|挺)过去了"
    # (a tree cleared well: "砍树砍得干净", "树枝清得干干净净")
    r"|(砍|锯|剪|清|修|拖|收拾)得(?:真|好|很|蛮|特别|非常|交关|可)?(干净|干干净净|利索|彻底)"
    r"|赶来|赶到|来得(?:真|好|很|特别|这么|那么)?快|很快就|及时|就到了|解决了|排除了|才没|[没莫冇]出事|已经好了|恢复了|断了电|把电断"
    r"|根治|(停|断|倒|坏)过|(先|就|马上|很快|及时)[^，。,.]{0,6}送(的|了|上)电|(立|装|换|架|接)(了|的)新|改了(线路|线|道)|改线|改道|(抬|升|架|垫|修|加)高了|没再(歪|斜|倒|断|冒|打火|烧|响)|没事了|人都?没事|没伤[到着]?人|(现在|已经)[^，。,.]{0,2}来电了|(现在|目前)[^，。,.]{0,3}(好好的|稳当)|(现在|目前)\s?好(是好)?了(?![吗么没？?])|一点事都没|围起来|守着|来了以后|到了以后|救过来|保住|赶过来|赶过去|放心|后来就?好了|没断过"
)
# …and, said of a time past only (not words of thanks: "幸亏…取下来了" thanks nobody for a
# danger dealt with), a danger over since: "早就好了" (not asked, not reported as said), a thing
# taken down, a report that was a mistake (not disputed: "说我看错了，明明歪得厉害"), an outage
# of a time named that lasted so long.
DONE_SINCE = (
    r"(?<![说讲])(?<!不是)(早就|早都|早)好了(?![吗嘛么?？])"
    r"|(?<![想要能去会])(取|拿|弄)下来(了|还给|交给)(?![吗没么])"
    r"|(?<!以为)(?<!说我)(?<!是我)看错了(?![^。]{0,12}(明明|真的|还是|结果))|(?<!以为)(?<!以为是)虚惊一场"
    r"|(那回|那次|那年|去年|前年|上次|上回)[^，。,.]{0,12}停了[一两二三四五六七八九十几半0-9]+"
    r"(天|个?钟头|个?小时)(?![^，。,.]{0,2}(了|还|都|啦))"
)
# Markers of a time past, and of now: a past marker governs what follows it until a marker of
# now, and a danger under it counts as past only where the note says it was dealt with and
# nothing says it is still there. ("昨晚", "今早" are not past: that is when calls start; "前几天",
# "上个月" are, when dealt with: "前几天线断了，你们来修好了".)
PAST = (
    r"上次|上回|那次|那回|那场|那晚|那夜|那天(?!起)|第二天|次日|以前|之前|去年|前年|几年前|两年前|那年|当年|当时"
    r"|曾经|原来(?!还|仍|是|就是|有电|带电)|前些年|上半年|上个月|上周|上个星期|上个?礼拜|(?<!提)前几天|前些天|过一次|过一回|过几次"
    # (not a time equipment was fitted: "一年前换的线…一直打火")
    r"|(?<!提)前几日|前些日子|前阵子|前一阵子|那段时间|那阵子?(?![风雨雪雹])|那会儿|那时候?|那些天"
    r"|([一二三四五六七八九十半]年|[一两二三四五六几]个月)前(?![^，。,.]{0,3}(装|换|修|接|立|架|拉)的)"
)
# Long ago ("八几年", "好多年前"): a danger told of then is past whether or not the note says it
# was dealt with.
LONG_AGO = (
    r"[五六七八九]几年|[五六七八九]十年代|几十年前|好多年前|多年前|很多年前|好些年前|小时候|当年"
    # a year of the last century named as a time ("九六年那场大水"; not a span: "歪了六七年了")
    r"|(?<![0-9零一二三四五六七八九十])([五六七八九][零一二三四五六七八九]|[5-9][0-9])年(那|的时候|时候)"
)
DEALT_WITH = DONE + "|" + PAST + r"|那天|原来"
PRESENT = (
    r"现在(?![^，。,.]{0,4}(修好|好了|没事|恢复|正常|弄好|处理好|一点事|都好|来电|有电)|才)"
    r"|这哈|这会|这回|这次(?!的)|今天|今日|今早|今晚|刚才|刚刚|又(倒|断|冒|着火|打火|歪|掉|停|黑|没电|莫得电)"
)
NOW_AGAIN = (
    PRESENT
    # …and a day to come: an outage next week concerns now ("下周停电，我妈还在吸氧")
    + r"|下周|下个?星期|下个?礼拜|明天|后天"
)
# What is going on as the caller speaks ("现在还有牛在底下卧着", "刚才看见娃往里伸手", "正在冒"):
# a marker of now, or of something under way.
HAPPENING = PRESENT + r"|正在|正停|眼下|此刻|这阵子?"
# Signs that a danger is still there or that help is wanted now.
STILL = (
    r"还没(?!事|出事|问题|收钱|要钱|收费)|到现在(?![^，。,.]{0,2}(说|讲|记得|念叨|夸|提|感激|感谢|才|想)|(都|也)还在?(说|讲|记得|念叨|夸|提))|至今|一直没|一直(在)?(用|靠|开|吸)|没人(来|管)|没(修|处理|扶)"
    # a line's end still joined to what is live ("线头还连着杆上", "还接在线上")
    r"|(还|仍然?|都)(连|接|挂)(着|在)[^，。,.]{0,3}(电?杆|杆子|杆上|线上|表上|闸上)"
    r"|" + r"又(倒|断|冒|着(?!急)|烧(?!饭|水|菜)|打火|歪|掉|斜)"
    r"|(正?在|一直在?)(打火|冒烟|冒火|着火|冒火花|冒火星|闪火)"
)
# …of which a danger come back ("又断了") counts even after the note said it was put right.
RENEWED = r"又(倒|断|冒|着(?!急)|烧(?!饭|水|菜)|打火|歪|掉|斜)"
# Put right, done with ("接好了", "换完了", "扶起来了", "着火的表箱你们是换了"): what the note
# still finds undone after that is the matter of its complaint ("墙到现在也没人来补"), not the
# danger.
FIXED = (
    r"(修|接|扶|弄|搞|换|处理|挪|移|立|架|整)(好|完|正|起来)|换了|挪了|挪开了|移走了|修复|已经好了"
    # a low line raised ("线上回已经抬高了")
    r"|(已经|都|早就?)(抬|升|架|垫)高了"
    r"|(已经|都|早就?)(处理|解决)了"
    r"|没事了|(现在|已经)[^，。,.]{0,2}来电了"
)
# …and signs that may belong to the story of a time past ("那次线断了还在冒火花").
STILL_THEN = r"还在(?!说|讲|念叨|夸|提|记)|还是|还有|仍|依然|一直在"
# Words that make it a call for help now, even with thanks in it…
NOW = (
    r"快来|快点|快些|赶紧(?![^，。,.!！?？]{0,10}了(?:[，。,.!！?？]|$))|尽快|快派|请派|速派|速来|请速|急派|火速"
    # (not money still owed for a danger past: "去年线落地那次…牛被电死一头 到现在还没赔")
    r"|现在还(?!(说|讲|记得|念叨|夸|提|感激|感谢)|(没|没有|未|不)[^，。,.]{0,2}(赔|补偿|退|报销|发票))"
    r"|又(倒|断|冒|着火|打火)|(请|麻烦).{0,6}来"
    r"|什么时候来|啥时候来|哪天来|越快越好"
    # asked to come again ("再来一趟", "你们再派他来看看", "还是派他来")
    r"|再来一趟|再来看看?|再(派|叫)[^，。,.]{0,4}来|还是派[^，。,.]{0,4}来"
    r"|今天[^，。,.]{0,2}来[^，。,.]{0,4}(拉走|弄走|挪走|看|修|处理)"
    # help asked for ("麻烦优先看一下", "请安排人来"): thanks at the end are said in advance
    r"|麻烦[^，。,.]{0,6}(看|处理|修|安排|恢复|送电|复电|想想?办法)"
)
# …and words that do unless they tell the story of a time past ("那次你们马上派人来守着").
NOW_THEN = (
    r"马上|派人|还在(?!说|讲|念叨|夸|提|记)|危险|请[^，。,.]{0,6}(看一下|修|安排|恢复|送电|复电)"
)

# Words of readings (readings.py): a report said before and a correction after it, the harmless
# lines a correction may name, put right said after a danger, and a routine errand asked.
SAID_BEFORE = (
    r"刚才?(打电话|打来)?(说|报|讲|反映)的?|刚报的?|我?以为|打电话(说|报|讲|反映)的?"
    r"|(昨天|前天|昨晚|早上|上午|下午)(报|说|讲|反映)的"
    r"|(他们|他|她|有人|邻居|别人|人家|家里人|村里人|路人|隔壁[^，。,.说讲]{0,3})(说|讲)"
    # what the desk was told, or told back, before ("上回说变压器冒烟", "恁说的电杆倒了")
    r"|(上回|上次|那回|那次)(说|报|讲)的?|(恁|你们|您)(说|讲)的"
)

CORRECTED = (
    r"(其实|原来|结果)(只?是|就是)|(搞|弄|看|听|报|说)错了|误报|不用来了|不用派人"
    # looked and it is something else ("后来仔细看了一下，是路牌歪了")
    r"|看了?(一下|一眼|看)?[，,]?\s*(只?是|原来是)(?!真的)"
    r"|(看|查|检查)(过|了)[^。.]{0,4}(没事|没问题|好好的|正常)"
    # …and found not so ("俺去看了 没断 是电话线断了")
    r"|(看|查|检查)(过|了)[，,\s]*(没|冇)(断|倒|歪|着|烧|冒)"
)

HARMLESS_LINES = (
    r"晾衣绳|晒衣绳|网线|电信线|广播线|电话线|电视线|光纤线?|光缆|风筝线|钓鱼线|鱼线|绳子?"
)

PUT_RIGHT_AFTER = (
    r"[，,。.;；\s]*(已经?|都已经?|早已|现已)(排除|处理好?|修复|扶正|扶起来|接好|修好|换好|解决|消除|扑灭|灭了)"
    # (not asked, "已经处理了吗", nor failed, "已扑灭不了", "已排除失败")
    r"(?![^，。,.]{0,3}(吗|么|没|不了|不掉|不住|不下|失败|[?？]))"
)

ROUTINE_ASKED = (
    # (only the errand and the asking words right before it: "可赶紧派人来换表箱里烧糊的线" asks
    # for help with the danger)
    r"(请|麻烦|尽快|赶紧|快点?|抓紧|安排|派个?人|来|过来|上门|帮忙|帮|给|我们?|你们|您|人|一下)*"
    r"(抄表|换表(?!箱)|回访|缴费|交费|开票|发票|过户|更名|改名|销户|报装|增容|结算)"
    r"(一下|吧|呢|啊|的事)*"
)

# What to do asked right after a danger ("插座冒火花怎么办"), of the caller's own thing or of a
# time now ("我家", "门口的", "一插就", "刚才"), not of a case in general ("看到电线掉地上应该咋
# 办", "…的话该咋个办"): a report, and the question is for help (``readings``).
WHAT_TO_DO = (
    r"[^，。,.]{0,6}?(了)?(怎么办|咋办|咋个办|咋整|怎么处理|咋处理|如何处理)(呢|啊|呀)?[?？]?"
)
OF_ONE_S_OWN = r"我家|我们家|家里|屋里|门口|院子|我的|插上去|一插|一按|一开|一合|刚才|刚刚|现在"
IN_GENERAL = (
    r"要是|如果|假如|万一|遇到|遇着|看到|看见|见着|见到|碰到|以后|平时|一般|的话|该|时候|新闻|讲讲|开会"
    r"|想学|学一下|学学|请教"
)
