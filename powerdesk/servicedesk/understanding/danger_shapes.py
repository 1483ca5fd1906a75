"""More words of dangers to life, by kind, joined to ``danger_words.DANGERS`` after its own: the
shapes the forty-third round found the rules missing in notes of its own and in the training hands
(a fence or a door of equipment gone with what is inside open to children, a pole named in Wu,
Cantonese or Minnan, a line near said with 离 first, a rod or a bar under a line, a dead beast at a
pole, a transformer's oil seeping, white smoke at equipment, a hot socket said bare …), and the
forty-fourth round's (``_ROUND44``: a line hung low or thrown on a road, a rod against a line, a
cable pit open, a roof or a yard tingling, water up to a stand …); and the word for sparks
(``HUOHUA``), kept here so that ``danger_words`` stays one file.
"""

from __future__ import annotations

from powerdesk.servicedesk.understanding.danger_shapes_round53 import BEAST, LINE, ROUND53
from powerdesk.servicedesk.understanding.water_tingle import WATER_TINGLE

# Sparks are 火花, and so is a town (紫云火花镇, 火花乡) and what is named after it ("紫云火花
# 停电", "火花小学", "去火花的路上", a note opening "火花 线路跳闸"): sparks said with their verb
# or what they do ("冒火花", "打火花", "有火花", "火花四溅") always; the bare word not when it
# names a place.
HUOHUA = (
    r"(打|冒|闪|放|擦出|蹦|跳|掉|溅|迸|起|有|出|直|呲|喷)火花"
    r"|火花(四溅|直冒|乱飞|乱溅|一闪|不断|噼|啪|滋|嗞)"
    r"|(?<!紫云)(?<!紫云\s)(?<!紫云县)(?<![去往回从住在])火花"
    r"(?![一二三四五六七八九十0-9]*组|镇|乡|村|街|社区|小学|中学|学校|片|供电所|所|变电站|站|支线|线路"
    r"|方向|那边|那头|这边|一带|场镇|坝|大道|居委|卫生院|医院|派出所|政府|中心|超市|加油站"
    r"|(?<=^火花)[\s:：，,])"
)

# Equipment a fence or a door keeps people from.
_KEPT = (
    r"(变压器|箱变|台变|变台|配变|配电房|配电室|电房|台架|台区|配电箱|配电柜|分支箱|开关箱|计量箱"
    r"|表箱|电箱)"
)
# A fence round it, and what took it away ("防护栏被人偷了", "围栏叫人偷去卖了", "围栏被大水冲走
# 了", Cantonese "围栏冇咗").
_FENCE = r"(防护栏|围栏|栅栏|护栏|铁丝网|围网|护网)"
_FENCE_GONE = (
    r"(也|都)?(被|让|叫|给|遭)?[^，。,.没不未]{0,4}(偷|拆|撬|砸|撞|冲|剪|割)(走|掉|坏|倒|开|去|光|跑|没|断)?了?"
    r"|(也|都)?(冇咗|冇晒|没了|不见了|没得了|没有了)"
)
# What is inside a box or a room, open to reach ("线头在外面晃", "闸刀露着", "里头线头子露外头",
# "里头有电"); and a child or a beast at it.
_INSIDE_OPEN = (
    r"(线头|线|闸刀|铜排|开关|里头|里面|里边|东西)[^，。,.没不未冇]{0,4}"
    r"(露(着|起|出|在外|外头|外面)|在外(面|头|边)|吊出来|甩出来|扯出来|晃|支棱|有电|带电|带着电|都是电)"
)
_AT_IT = (
    r"(小孩|孩子|娃|伢|学生|囡|细路|牛|羊|猪|狗)[^，。,.没不未冇]{0,6}"
    r"(玩|耍|摸|拨|扒|抠|掏|蹲|钻|爬|转|伸手|白相)"
)

MORE: dict[str, str] = {
    "line down or low": (
        # near said with 离 first ("离导线近得很", "吊车臂离10千伏线好近"), ending its clause (not
        # "有点近", nor a kind: "离线太近的", "离高压线很近的地方能不能盖房", "离线太近你们不给接")
        r"离[^，。,.]{0,6}(导线|电线|高压线|(?<![网话纤视播衣])线)[^，。,.]{0,2}"
        r"(太近|很近|好近|蛮近|老近|贼近|忒近|近得很|近得吓人)(了|啦|啊|呀|哦)?(?=[\s，。,.!！]|$)"
        # a bar, a rod or a crane handled right under a line ("一根钢筋扛在肩上,上面就是高压线")
        r"|(钢筋|铁管|钢管|竹竿|竿子|鱼竿|钓竿|梯子|吊车|吊臂|脚手架|铁架)[^。!！?？]{0,16}"
        r"(上面|上头|头上|头顶)[^，。,.]{0,3}(就是|就有|是)[^，。,.]{0,3}(电线|高压线|导线)"
        # fishing, casting or netting under a line ("高压线下头有人在钓鱼", "在线底下甩竿")
        r"|(电线|高压线|导线|(?<![网话纤视播衣])线)(下面|底下|下头|下边)[^，。,.]{0,8}"
        r"(钓鱼|甩竿|甩杆|放风筝|撒网|支网|打鱼)"
        # (not asked of in general: "在线底下钓鱼要注意啥", "放风筝到底有多危险")
        r"(?![^，。,.]{0,6}(危险|注意|安全|行不行|可以|能不能|吗|[?？]))"
        # only a foot or two above the water or a head ("河坝上那根线离水面就一尺多了"); slipped
        # off its pole ("线从杆子上滑脱了"); pulled down by a beast ("线被猪拱下来了")
        r"|(线|电线|导线|高压线|低压线)[^，。,.]{0,4}离(水面?|地面|头顶|人头|房顶|屋顶)[^，。,.]{0,4}"
        r"(只有|就|才|不到|不足)[^，。,.]{0,2}[0-9一二两三四五半]+(米|尺|公分|厘米)"
        r"|(线|电线|导线)[^，。,.没不未]{0,8}(滑脱|滑落|滑下来|溜下来)"
        r"|(?<![网话纤视播衣])(线|电线|导线)(被|让|叫|给|遭)[^，。,.]{0,8}(拱|咬|踩|拽|扯)(下来|断|掉了|到地)"
        # a line lying where people go, told by where it is ("田里落了根线", "地上有一根线")
        r"|(田|地|路|塘|河|水|沟|院|坝)(里|上|边)[^，。,.]{0,3}(落|掉|断|躺|横)(了|着)[一两几]?根"
        r"[^，。,.]{0,3}(电线|导线|高压线|(?<![网话纤视播衣])线)(?!杆)"
        r"|(地上|路上|田里|地里|水里|塘里|路中间)有[一两几]根(电线|导线|线)(?!杆)"
        # low, pulled down by what hangs on it ("线被拽得老低")
        r"|(线|电线|导线)[^，。,.]{0,6}(拽|扯|坠|拖)得(很|太|好|老|贼|忒|特别)?低"
        # only so high above the ground or the water ("现在离地不到两米", "离水面就一人高了")
        r"|(?<![箱表柜座装])离(地|地面|水面|路面)(只有|就|才|不到|不足|大概|约|大约|只)?[^，。,.0-9]{0,1}"
        r"([一两二半]|1|2)(米|人高|个人高)"
        # lines clashing ("线在打架")
        r"|(电线|导线|(?<![网话纤视播衣])线)[^，。,.]{0,2}(在|又|一直在?)打架"
        # drooped onto something ("有根线耷在田坎上")
        r"|(电线|导线|(?<![网话纤视播衣])线)[^，。,.没不未]{0,3}耷(在|到|着)"
    ),
    "tree or object on a line": (
        # a sheet or a roof blown onto one, said in a clause after it ("挂了好大一块塑料布，碰到线
        # 了")
        r"(塑料布|塑料|薄膜|棚膜|篷布|彩钢瓦|铁皮|广告布|横幅)[^。!！?？没不未]{0,3}[，,]\s*"
        r"(碰|搭|挂|缠)(到|在|着)[^，。,.]{0,2}(电线|导线|高压线|(?<![网话纤视播衣])线)(?!杆)"
        r"(?=[^，。,.]{0,2}了)"
        # …blown onto one and caught, said after a comma ("广告牌吹到电线上，挂在那里摇"); a
        # sheet or a roof hanging on one, said line first ("高压线上挂了个大塑料棚膜")
        r"|(吹|刮|甩|扔|抛|飘)(到|在)[^，。,.]{0,2}(高压线|电线|导线|线)上[，,]\s*(挂|缠|搭|卡)(起|着|住|在)"
        r"|(电线|导线|高压线|(?<![网话纤视播衣])线)上[^，。,.]{0,2}(挂|搭|缠)(了|着|起)[^，。,.没不未冇]{0,6}"
        r"(棚膜|薄膜|塑料膜|塑料布|篷布|彩钢|铁皮|风筝|气球|横幅)"
        r"|(电线|导线|高压线|线路|(?<![网话纤视播衣])线)上[^，。,.]{0,3}有[个只块张]?[^，。,.]{0,4}"
        r"(风筝|棚膜|薄膜|塑料膜|塑料布|气球|横幅|篷布|铁皮)[^，。,.]{0,3}(挂|缠|搭|卡)(起|着|住|在)"
    ),
    "arcing or sparks": "",
    "smoke": (
        # white smoke at equipment (not a kitchen's steam: said of what it comes from)
        r"(变压器|箱变|台区|表箱|电箱|配电|开关|插座|电表|线头)[^。!！?？没不未]{0,10}白烟"
        # a burnt smell said in Wu and the north-east ("焦毛气", "糊巴味")
        r"|焦毛气|糊巴味|焦巴味"
        # wiring burnt black or scorched ("进户线…烧黑了一截", "开关 黑了 焦了")
        r"|(进户线|电线|导线|接头|线头|(?<![网话纤视播衣])线)[^，。,.没不未]{0,10}烧黑了"
        r"|(开关|插座|插头|电线|线头|表箱|电表|闸刀|接头)[^，。,.没不未]{0,4}焦了"
    ),
    "fire": (
        # hot, said bare ("但是插座也烫", "外壳烫手")
        r"(插座|插头|插板|插排|排插|开关|电线|线头|表箱|电表|闸刀|接头|外壳)"
        r"(也|都|还|又|很|好|太|特别|有点|有些|老|贼)*烫(?![头发衣伤])"
        # a transformer's oil seeping or dripping ("淌油", "油从下面往外渗", "滴黑油")
        r"|变压器[^。!！?？没不未无]{0,16}(淌油|渗油|滴[^，。,.]{0,1}油|油[^，。,.]{0,6}(渗|淌|滴|流))"
    ),
    "pole leaning or fallen": (
        # Cantonese's all fallen ("电线杆倒晒"); a pole named in Wu, Cantonese or Minnan ("电线木头
        # 斜了", "电灯柱斜咗", "柱仔一直咿咿叫" is no danger said)
        r"(电杆|电线杆|杆子|线杆|电线木头|电灯柱|电线柱|电柱|柱仔)[^，。,.!！?？没未]{0,6}倒(晒|咗|埋)"
        r"|(电线木头|电灯柱|电线柱|电柱|柱仔)[^，。,.!！?？没未]{0,10}"
        r"(倒(了|在|下)|歪|斜|(往|朝)[^，。,.]{0,6}倒|折|断了)"
        # pushed along by a slide ("电杆被泥巴推走了一截")
        r"|(电杆|电线杆|杆子|线杆)[^，。,.没未]{0,6}(推|拱|挤)(走|倒|歪|斜|跑)了"
    ),
    "person or animal near live equipment": (
        # a fence round equipment gone ("防护栏被人偷了 变压器光秃秃的"; "台变的围栏叫人偷去卖了")
        _KEPT + r"[^，。,.]{0,6}" + _FENCE + r"(" + _FENCE_GONE + r")"
        r"|"
        + _FENCE
        + r"("
        + _FENCE_GONE
        + r")[^。!！?？]{0,12}"
        + _KEPT
        # a box's door gone or open, and what is inside open to reach or a child at it ("表箱门掉了
        # 线头在外面晃", "表箱烂得没门了 线头就在门口", "门敞着 几个碎娃蹲在跟前耍")
        + r"|"
        + _KEPT
        + r"[^。!！?？]{0,8}(门|盖)[^。!！?？]{0,12}"
        r"(" + _INSIDE_OPEN + r"|" + _AT_IT + r")"
        r"|" + _KEPT + r"[^，。,.]{0,4}(没门|没得门|冇门|门都没(了|得了|有了))"
        # a cable trench's cover gone and the cable bare ("电缆沟盖子被拉走了，沟里的电缆露着")
        r"|(电缆沟|电缆井|电缆坑)[^。!！?？]{0,16}(电缆|线)[^，。,.没不未]{0,3}(露着|露起|露出|露在外)"
        # children up equipment, said with where first ("尕娃们在变压器台子上爬呢", "小孩爬变台铁
        # 架子")
        r"|(小孩|娃|孩子|伢|学生|(?<![工电])人)[^，。,.]{0,3}在[^，。,.]{0,2}"
        r"(变压器|变台|台架|台子|电杆|电线杆|铁塔|电塔|高压塔)[^，。,.]{0,5}(上|顶)[^，。,.]{0,3}(爬|耍|玩|坐着|站着)"
        r"|爬(变台|变压器|台架|铁塔|电塔)"
        r"|(电杆|电线杆|杆子|线杆|变压器|变台|台架|台子|铁塔|电塔|高压塔)上[^，。,.]{0,6}(小孩|娃|孩子|伢子)"
        r"[^，。,.]{0,2}在?(爬|玩|耍)"
        # a beast dead at a pole or a line ("狗死在电线杆边", "电杆下死了只狗")
        r"|(牛|羊|马|猪|狗|猫|鸡|鸭|鹅)死(在|到)[^，。,.]{0,3}(电杆|电线杆|线杆|杆子|变压器|电线|拉线|表箱)"
        r"|(电杆|电线杆|线杆|杆子|变压器|拉线)(下|底下|边|旁边|跟前)[^，。,.]{0,2}死了[^，。,.]{0,2}"
        r"(只|头|条|个)?(牛|羊|马|猪|狗|猫|鸡|鸭|鹅)"
        # someone lying at equipment ("变压器那里有个人躺着")
        r"|(变压器|变台|台架|台子|电杆|电线杆|配电房|箱变)(那里|那儿|那边|旁边|边上|底下|下面)?有[个几]?"
        r"(人|小孩|娃)(躺着|倒着|倒在|趴着|昏)"
        # a cable dug up bare ("电缆露出来了")
        r"|(电缆|地埋线)[^，。,.没不未]{0,3}(露出来|露着|露起|露在外)"
        # the ground tingling ("地面麻脚", "路面有电"), a fence live ("铁栅栏上有电", "拉线通电了")
        r"|(地面|路面|积水|院坝)[^，。,.!！?？没不未]{0,4}(麻脚|麻腿|打脚|电脚|发麻|有电)"
        r"|(铁栅栏|栅栏|拉线)[^，。,.!！?？没无贴写牌]{0,4}(通电了|通着电)"
        # a child or a beast at a transformer, the place said first ("变压器下面有个娃儿在捡东西"),
        # or gone under a stand ("羊钻到台变底下去了")
        r"|(变压器|箱变|配变|台变|变台|配电柜|配电房|表箱|台架)[^，。,.]{0,3}(旁边|边上|后面|底下|下面|上面"
        r"|跟前|里面|里头)[^，。,.]{0,3}有[个几]?[^，。,.]{0,2}(小孩|娃娃|娃儿|孩子|学生|牛|羊|猪|狗)"
        r"[^，。,.]{0,2}在?(捡|蹲|躲|坐|睡|耍|拿)"
        r"|(小孩|娃娃|娃儿|小娃|伢子|孩子|学生|牛|羊|猪|狗|猫)[^，。,.]{0,6}(钻|爬|翻|跑|跳)(到|进|上|过)?"
        r"[^，。,.]{0,3}(台变|变台)"
    ),
    "flooding at equipment": (
        # a cable trench, a meter cabinet ("电缆沟里进水了，冒泡泡", "把路边的计量箱淹了一半")
        r"(淹|泡水|进水|浸水|漫到|漫过|漫进|没过|泡在|涨到|浸到|水浸)[^，。,.]{0,8}(计量箱|电缆沟|电缆井)"
        r"|(计量箱|电缆沟|电缆井)[^，。,.]{0,8}(淹|泡水|进水|被水泡|浸水|泡在水|全是水|都是水|积水)"
    ),
}

# The forty-fourth round's shapes, from the training hands' missed dangers (counted by program).
_ROUND44: dict[str, str] = {
    "line down or low": (
        # hung low said with how it hangs ("线从路上横过去挂得很低"), pressed to the ground ("线压得
        # 快贴地了"), fallen onto a village road or thrown on the ground ("掉村道上", "甩在地上"),
        # struck down by lightning ("电线被雷劈断")
        r"(电线|导线|高压线|低压线|(?<![网话纤视播衣])线)[^，。,.没不未]{0,10}(挂|吊|垂|耷)得?"
        r"(很|太|好|老|贼|忒|特别|非常)(低|矮)(?![压价费])"
        r"|(电线|导线|(?<![网话纤视播衣])线)[^，。,.没不未]{0,6}(贴地|快挨地|快到地)"
        r"|(电线|导线|高压线|低压线|(?<![网话纤视播衣])线)[^，。,.没不未]{0,6}(掉|甩|落)(在|到)?"
        r"(村道|公路|马路|大路|路边|路|地)上(?![^，。,.]{0,3}(不能|不要|别|嫑|莫|千万|不准|不许|不得))"
        r"|(电线|导线|(?<![网话纤视播衣])线)[^，。,.]{0,4}(被|让|遭)[^，。,.]{0,4}劈断"
        # a rod or a scaffold pushed against a line ("钢管顶着电线了")
        r"|(钢管|钢筋|铁管|竹竿|竿子|吊臂|架子)[^，。,.没不未]{0,4}(顶着|顶到|戳到|碰着|碰到|挨着|搭到)"
        r"[^，。,.]{0,2}(电线|高压线|导线|(?<![网话纤视播衣])线)(?!杆)"
    ),
    "pole leaning or fallen": (
        # a pole as speech-to-text writes it ("电干倒了")
        r"电干[^，。,.!！?？没未]{0,6}(倒(了|在|起)|歪|斜)"
    ),
    "tree or object on a line": (
        # a tree leaning toward a line ("树往线那边歪")
        r"(树|竹子|竹)[^，。,.没不未]{0,4}(往|朝)[^，。,.]{0,4}(电线|高压线|导线|线)[^，。,.]{0,3}(歪|倒|斜)"
    ),
    "person or animal near live equipment": (
        # a cable pit's cover gone ("电缆井盖没了 下面有电缆")
        r"(电缆井|电缆沟)[^，。,.]{0,3}(盖|盖板|井盖)[^，。,.]{0,3}(没了|不见了|被偷|丢了|冇得了|冇咗|没有了)"
        # the ground or a roof tingling ("院子地上发麻", "屋顶都在麻"); a beast down at a stay
        # wire or a pole ("羊倒在拉线边上")
        r"|(地上|地面|院子|院坝|路面)[^，。,.!！?？没不未]{0,4}发麻"
        r"|(屋顶|房顶)(都|也|还)?在?发?麻(?![烦将袋绳雀花辣油酱])"
        r"|(牛|羊|马|猪|狗)倒(在|到)[^，。,.]{0,2}(电杆|电线杆|拉线|变压器|电线)(边|旁|下|跟前|底下)"
    ),
    "flooding at equipment": (
        # water up to a stand or a pole in it ("大水漫到变台底下了", "江边两基杆子泡在水里")
        r"(漫到|淹到|涨到|淹了)[^，。,.]{0,3}(变台|变压器|台变|台架|配电箱|箱变|电杆|杆子)"
        r"|(电杆|杆子|变台|台变|台架|箱变|配电箱|铁箱子)[^，。,.没不未]{0,4}泡(在水里|在水中|了半截|到一半|了一半)"
    ),
}
# The forty-fifth round's (hand69's dangers the rules missed): a transformer fallen
# ("变压器掉下来了", "台变掉地上了", "黑罐子掉下来了"; not its fuse dropped out: "变压器上的保险掉
# 下来"); a pylon leaning ("高压线塔歪了"); a line hanging down at a door or a pen ("牛圈门口吊着一
# 根电线"; not a lamp on its wire); a line in water that bubbles ("沟里有根电线，水在冒泡泡"); a
# cable crushed on wet ground ("电缆被压坏了，地上都是水").
_TRANSFORMER = r"(变压器|台变|变台|配变|箱变|黑罐子)"
_A_LINE = r"(电线|导线|高压线|低压线|电缆)"
_ROUND45: dict[str, str] = {
    # (a transformer fallen is its own danger, with its own advice: oil, live parts; walk51, F10)
    "equipment fallen": (
        rf"{_TRANSFORMER}[^，。,.!！?？没不未保跌开熔闸]{{0,6}}(掉下来|掉下去|掉(在|到)?地|砸下来|摔下来|垮下来"
        r"|翻(了|倒|下来))"
    ),
    "pole leaning or fallen": (
        r"(铁塔|线塔|电塔|高压塔|电力塔)[^，。,.!！?？没不未]{0,6}(歪|斜|倒(了|下|在)|倾)"
    ),
    "line down or low": (
        r"(门口|门前|路口|过道|圈门|牛圈|猪圈|羊圈|院子|院坝)[^，。,.!！?？没不未]{0,6}(吊着|垂着|耷着|甩着)"
        rf"[^，。,.]{{0,3}}{_A_LINE}(?!灯|杆)"
        rf"|{_A_LINE}[^。!！?？没不未]{{0,10}}水[^。!！?？没不未]{{0,6}}(冒泡|起泡|咕嘟|翻泡)"
    ),
    "person or animal near live equipment": (
        r"电缆[^，。,.!！?？没不未]{0,6}(压坏|压破|压烂|压断|破皮|露铜|露出铜)[^。!！?？]{0,12}(水|湿|潮)"
        # someone under what leans or fell ("高压线塔歪了，下面有人": walk51, F10)
        r"|(塔|杆|杆子|变压器|台变|黑罐子)[^。!！?？没不未]{0,6}(歪|斜|倒|掉|垮)[^。!！?？没不未]{0,6}"
        r"(下面|底下|下头|下边|旁边)(有|站着|坐着|蹲着|还有)(人|小孩|娃|学生|老人|牛|羊|猪)"
    ),
}
# The forty-seventh round's: a transformer knocked over, said with 倒 as a pole is ("箱变倒了",
# "箱式变压器倒在地上", "箱变被车撞倒了", "台变倒下来了"), or rolled down a bank ("变压器滚下坎
# 了"), is the transformer fallen, not a pole (``danger_words`` leaves a transformer's fall to it);
# not its fuse or switch ("变压器的跌落保险倒了"), not denied ("箱变没倒"), not 倒是 ("变压器倒是
# 好的"), nor switching (倒闸), nor what stands beside it ("箱变旁边的电杆倒了").
# (what stands beside it fell, not it: "箱变旁边的电杆倒了")
_NOT_BESIDE = r"(?!旁边|边上|附近|跟前|隔壁|对面|后面|前面)"
_ROUND47: dict[str, str] = {
    "equipment fallen": (
        rf"({_TRANSFORMER}|箱式变)({_NOT_BESIDE}[^，。,.!！?？没不未冇保跌开熔闸杆树墙房]){{0,6}}"
        r"倒(了|在|下|地|咗|喽|咯|啦)"
        rf"|({_TRANSFORMER}|箱式变)({_NOT_BESIDE}[^，。,.!！?？没不未冇杆树墙房]){{0,8}}"
        r"(推|冲|滚|掉|落|翻|摔)(下|到|进)(坎|坡|沟|河|崖|田)"
    ),
}
# The fiftieth round's, from the training hands' dangers the rules missed (``hand65``-``hand68``),
# each as a class of wording: a line sagging till it all but touches the water, the ground or a
# roof ("线耷得快挨到水了"); a line hanging lower than a person ("冇得一人高", "不到一人高") or
# hanging down onto a yard or a threshing floor ("电线吊到禾坪上"); a line fallen said verb first
# ("掉下来个电线", "断下来一根线"); a beast caught or tripped by a line, or lying still by one; a
# mast, a flagpole or a rod caught on a line ("桅杆挂到线了"); legs tingling in water ("站到水头脚杆
# 麻"); a railing, a grille or a door live ("护栏通电了"); a transformer leaning said with an
# aspect of the south-west and the south ("变压器斜起", "歪起了"); a box named by its pole
# ("杆子底下那个箱子") open with children at it; children under or at equipment named before them.
# (not a stay wire: "牛缠到拉线上" is no line down)
_LINE = LINE
_BEAST = BEAST
_CHILD = r"(小孩|娃娃|娃儿|小娃|孩子|学生|娃)"
_EQUIPMENT = r"(变压器|箱变|台变|变台|配变|台架|配电箱|配电柜|配电房|表箱|电箱)"
# Legs tingling in water ("站到水头脚杆麻") is a danger with what makes it electric: a word
# of current or a leak, a line, a pump or equipment named in the sentence ("塘里漏电 脚一进水就麻",
# "抽水机旁边的水坑 脚踩进去腿杆麻"), the tingle said as a shock ("脚被电麻了", "麻麻的像过电"),
# or a flood someone stands or wades in ("涨水了 人站在水头脚板麻"). Not cold, a cramp, sitting
# or work in the fields, nor hot water ("洗脚水烫得脚麻", "田里插秧一天腿杆都麻了", "河里游泳
# 抽筋了腿麻"); a bill asked after is no word of current ("水泥地上坐久了脚麻，想问下电费").
# Since the fifty-second round, feet put in water and tingling are a danger with none of these
# (``water_tingle``: "脚泡在水里有点麻"), unless a calm cause is told beside them.
# (not denied: "电工说不是漏电"; not a line online: "线上交电费")
_ELECTRIC = (
    r"(?<![没无不冇])(?<!不是)(?<!没有)(?<!没得)"
    r"(漏电|触电|带电|有电|过电|通电|电到|电着|电人|电了|电麻|麻电|像(过|触)电"
    r"|电线|导线|高压线|低压线|火线|零线|断线|电缆|水泵|抽水机|抽水泵|潜水泵|增氧机|打氧机|电机|马达"
    r"|电表|电箱|表箱|配电|变压器|台变|电杆|电线杆|线杆|插座|插头|开关|线头|电器)"
)
_IN_WATER = r"(水里|水头|水中|水坑|水田|田里|塘里|沟里|河里|水(?![泥费表价管龙电壶杯瓶果]))"
_LEGS_TINGLE = r"(脚杆|脚板|脚底|脚|腿杆|腿)子?[^，。,.没不未]{0,2}麻(?![烦将袋绳雀花辣油酱椒])"
_FLOOD = r"(涨水|涨大水|发大水|发水|大水|洪水|水漫|漫水|淹)"
_WATER_TINGLE = (
    # (a word of current before: "塘里漏电 脚一进水就麻")
    rf"|{_ELECTRIC}[^。!！?？]{{0,12}}{_IN_WATER}[^。!！?？]{{0,6}}{_LEGS_TINGLE}"
    # (…or after: "站在水里脚被电麻了", "水田里脚麻麻的 像过电一样")
    rf"|{_IN_WATER}[^。!！?？]{{0,6}}{_LEGS_TINGLE}(?=[^。!！?？]{{0,10}}{_ELECTRIC})"
    rf"|{_IN_WATER}[^。!！?？]{{0,6}}(脚杆|脚板|脚底|脚|腿杆|腿)子?[^，。,.没不未]{{0,2}}(电麻|麻电)"
    # (a device named further off: "增氧机格线浸在水里 下去捞虾格人讲脚底板麻")
    rf"|{_ELECTRIC}[^。!！?？]{{0,12}}{_IN_WATER}[^。!！?？]{{7,14}}{_LEGS_TINGLE}"
    # (with no device nor word of current, the feet put in water: ``water_tingle``)
    rf"|{WATER_TINGLE}"
    # (a flood, someone standing or wading in it: "涨水了 人站在水头脚板麻")
    rf"|{_FLOOD}[^。!！?？]{{0,10}}(站|踩|蹚|趟|泡|蹲|走)(在|到|进|着)?[^。!！?？]{{0,3}}"
    rf"{_IN_WATER}[^。!！?？]{{0,6}}{_LEGS_TINGLE}"
    rf"|{_FLOOD}[^。!！?？]{{0,10}}(蹚|趟)水[^。!！?？]{{0,8}}{_LEGS_TINGLE}"
)
_ROUND50: dict[str, str] = {
    "line down or low": (
        rf"{_LINE}[^，。,.没不未]{{0,8}}(快|差点|差一点|就快|都快|眼看|眼看就)要?(挨|碰|贴|拖|扫)(到|着|上)?"
        r"[^，。,.]{0,2}(水|地|田|房顶|屋顶|瓦|头|人头|脑壳|车顶)"
        # (not asked, nor a standard: "有没有一人高的标准", "是不是不到一人高就不行")
        rf"|{_LINE}[^。!！?？吗]{{0,16}}(?<![有是])(不到|没到|没得|没有|不够|不足|莫得|只有|就|才)(一个?|个)?人"
        r"(高|头高)(?![^，。,.]{0,3}(的|标准|吗|么|嘛|[?？]|就|才|要|行|可以))"
        rf"|{_LINE}[^，。,.没不未]{{0,4}}(吊|垂|耷|拖)(到|在|下来到)[^，。,.]{{0,6}}"
        r"(禾坪|晒坪|晒谷坪|坪|院坝|院子|坝子|晒场|场坝|操场|田|地|路|楼顶|屋顶|房顶)(上|里|头|中|边)"
        rf"|(掉|断|落|垮|塌)下来[一两几]?(个|根|条|截|段){_LINE}"
        # (Gan's "掉下来个电线" is read "掉下来的电线"; not advice: "看到掉下来的线不要碰")
        rf"|(掉|断|落|垮|塌)下来的{_LINE}(?![^，。,.]{{0,6}}(不要|别|莫|不能|千万|不准|嫑|不许|离远))"
        rf"|{_BEAST}[^，。,.]{{0,6}}(绊|缠|勾)(到|倒|住|着)[^，。,.]{{0,8}}{_LINE}"
        rf"|{_BEAST}[^，。,.]{{0,4}}(被|让|遭|叫){_LINE}[^，。,.]{{0,2}}(绊|缠|勾)(倒|住|到|着)"
    ),
    "tree or object on a line": (
        r"(桅杆|船桅|桅|篙竿|竹篙|篙子|撑篙|旗杆|天线|钓竿|鱼竿|钓鱼竿|竿子|车斗|翻斗)"
        rf"[^，。,.没不未冇]{{0,4}}(挂|刮|勾|钩|缠|碰|挨|搭|戳|顶)(到|着|住|在)[^，。,.]{{0,3}}{_LINE}"
    ),
    "pole leaning or fallen": (
        r"(变压器|台变|变台|配变|台架|台子)[^，。,.没不未冇]{0,8}(歪|斜|偏)(起(?!来)|倒|哒|咯|喽|到起"
        r"|起来了|得(很|厉害|凶|狠|吓人))"
    ),
    "person or animal near live equipment": (
        rf"{_BEAST}[^。!！?？]{{0,12}}{_LINE}[^。!！?？]{{0,12}}(倒在|倒地|不动了|没动|一动不动|动都不动"
        # (legs tingling in water only with what makes it electric: see ``_WATER_TINGLE``)
        rf"|没气了|昏){_WATER_TINGLE}"
        r"|(护栏|栏杆|铁栏杆|扶手|铁门|防盗网|防盗窗|晾衣架|晾衣杆|晾衣绳|铁丝|水管|铁皮|铁架|窗框)"
        r"[^，。,.!！?？没无贴写牌]{0,4}(通着电|(通电|过电)(了|哩|咯|啦|嘞)?(?=[\s，。,.!！]|$))"
        r"|(杆子|电杆|电线杆|线杆)(底下|下面|下头|上面|上头|边上|旁边|脚下|上)的?(那个|那只|这个|个)?箱子"
        r"[^。!！?？]{0,8}(门|盖)[^。!！?？]{0,12}(" + _INSIDE_OPEN + r"|" + _AT_IT + r")"
        rf"|{_CHILD}[^，。,.]?在(变台|台变|配变)[^，。,.]{{0,3}}(底下|下面|里面|里头|上面|上头|旁边|边上|跟前)"
        rf"|{_EQUIPMENT}[^。!！?？]{{0,24}}{_CHILD}[^，。,.]{{0,2}}在(底下|下面|下头|上面|上头|旁边|边上|跟前)"
        r"[^，。,.]{0,2}(摸|爬|玩|耍|钻|掏|抠|扒)(?!过)"
    ),
}
# (the fifty-third round's: ``danger_shapes_round53``)
_ROUNDS = (MORE, _ROUND44, _ROUND45, _ROUND47, _ROUND50, ROUND53)
MORE = {
    kind: "|".join(words for words in (r.get(kind) for r in _ROUNDS) if words)
    for kind in set().union(*(r.keys() for r in _ROUNDS))
}
