"""Notes put together from parts, for the training corpus beside the cores of
``corpus_templates.txt``.

A core is one way of saying one kind of call. Calls at a mountain station are more often two
things said together: what happened and what the caller wants of it. A complaint names the
matter complained about (the outage and what it spoiled, a bill, a clerk's manner, a burnt
appliance, a wait) and then the grievance; praise remembers what happened (a danger, an outage,
a patient's machine) and then thanks; a hazard names the danger, where it is and who is near; a
new connection names an unusual place or purpose and then asks. Learning each part apart from
the other teaches the model that the grievance, the thanks or the request decides the category,
not the matter named in passing.

Each category has *frames* (which parts, in which order) and *parts* (lists of fragments, with
``{slots}`` filled by ``corpus.fill_slots``). A note's group (``template``) names its frame and
its first fragment, so that calibration folds leave whole matters out. Written from general
knowledge of how rural callers and duty staff talk, never from the evaluation notes.
"""

from __future__ import annotations

import random

__all__ = ["FRAMES", "PARTS", "about", "compose"]

# Slots the parts use beyond those of the cores (``corpus.SLOTS`` takes these in).
EXTRA_SLOTS: dict[str, list[str]] = {
    "spot": "路上 路边 田埂上 学校门口 村口 水沟边 苞谷地里 院坝头 房子背后 公路边 河边 菜地里 "
    "晒场上 小卖部门口 桥头".split(),
    "equipment": "变压器 台区变压器 表箱 配电箱 杆上的开关 刀闸 跌落保险 瓷瓶 线路接头 电缆头 "
    "进户线 计量箱".split(),
    "staff": "抄表员 电工 来修电的师傅 营业厅的工作人员 接电话的那个人 收费员 台区经理 "
    "装表的师傅 那个姓{surname}的".split(),
    "farm": "养猪场 养牛场 养鸡场 果园 茶园 蜂场 菌子棚 鱼塘 苗圃 花椒地 葡萄园 烤烟房".split(),
    "far_place": "半山腰上 河对面 山背后 离村子三公里的地方 箐沟里 坡头上 老林边上 "
    "水库旁边".split(),
    "distance": "两公里多 一里多路 好几百米 隔着三四根杆 差不多一公里 有点远".split(),
    "kin": "小孩 儿子 姑娘 女儿 孙子 媳妇 老伴 兄弟 老爹".split(),
    "crop": "苞谷 烤烟 洋芋 核桃苗 菜秧 稻谷".split(),
    "shed": "牛棚 羊圈 猪圈 鸡舍 牛圈 烤房 磨坊".split(),
}

PARTS: dict[str, dict[str, list[str]]] = {
    "complaint": {
        "outage_loss": [
            "停了{days}天电，{loss}",
            "从{time}停到现在，{loss}",
            "停电也不打个招呼，{loss}",
            "检修停电没有通知到我们，{loss}",
            "一停就是一整天，{loss}",
            "因为停电，{loss}，损失好几千块",
            "停电害得我家{place}两天没开张",
            "三天两头停电，{loss}",
            "说是停两个钟头，结果停了一天，{loss}",
            "晚上停电，{loss2}",
        ],
        "bill_wrong": [
            "这个月电费{amount}多块，我家平时才几十块",
            "电费多扣了我{amount}块",
            "单子上的度数和表上对不上，多收了我的钱",
            "钱交了还说我欠费，把我家电停了",
            "房子一直空着没人住，电费还要一百多",
            "估着抄的表，多收了钱，找了几回都没改",
            "一个月扣了两次电费",
            "别人家的电费算到我头上了",
            "交的{amount}块钱不见了，也没人给个解释",
            "换了新表以后电费翻了一倍",
            "上个月交过的钱，系统里查不到，又叫我再交一遍",
            "我家就两个人，一个月算出来六七百度",
            "表坏了走得飞快，钱却要我们出",
            "抄表的根本没来，数字是编的",
        ],
        "staff_manner": [
            "你们那个{staff}说话凶得很",
            "{staff}上门来态度恶劣得很",
            "{staff}来的时候一身酒气",
            "{staff}收了钱不给票",
            "{staff}叫我自己去买材料",
            "打电话过去，接电话的人不耐烦，直接就挂了",
            "营业厅的人一直玩手机，不理人",
            "{staff}把我家老人骂了一顿",
            "{staff}推给别人，别人又推回来",
            "{staff}说不归他管，叫我们自己想办法",
        ],
        "voltage_damage": [
            "电压一下子冲高，把我家{appliance}烧了",
            "电压不稳，家里的{appliance}坏了两台",
            "电压忽高忽低，{appliance}的电机烧坏了",
            "来电的那一下电压太高，{appliance}当场就坏了",
            "线路电压太高，灯泡一个月换了五六个",
            "电压低得带不动，{appliance}烧了，修都修不好",
            "打雷那天电压窜上来，家里电器坏了好几样",
        ],
        "slow": [
            "报修{days}天了还没人来",
            "打了{n}次电话，每次都说马上来，到现在人影都没有",
            "说好{time}来，等到天黑也没来",
            "申请装表{days}个月了还没动静",
            "一个小问题拖了几个星期都没处理",
            "说三天之内来，过了一个星期了",
            "办个过户跑了五趟还没办好",
            "反映了半年，线路还是那个样子",
            "叫我们等，等了一天又一天",
            "营业厅排队排了{hours}个钟头，窗口只开一个",
            "办个业务，别的人在聊天，就一个人在办",
            "报装的材料交上去两个月了，一点消息都没有",
        ],
        "works_damage": [
            "立电杆把我家的{crop}压坏了一大片",
            "施工挖坏了我家的水管",
            "换表的把墙打了个大洞就走了",
            "砍树的时候把我家的果树也砍了",
            "拉线拉到我家地里，问都不问一声",
        ],
        "grievance": [
            "我要投诉",
            "我要投诉你们",
            "必须给个说法",
            "这个损失哪个来赔",
            "要求赔偿",
            "你们要负责",
            "太不负责任了",
            "我要打12398反映",
            "我要往上面反映",
            "叫你们领导来跟我说",
            "这种服务太差了",
            "你们到底管不管",
            "再不处理我就去县里",
            "气死人了",
            "我们老百姓就该吃这个亏吗",
            "你们要给我道歉",
            "这个事你们必须解决",
            "对你们很不满意",
            "你们说咋个办嘛",
            "总要有个说法嘛",
            "太不像话了",
            "哪个都不管",
            "哪有这种道理",
            "凭什么",
            "这不是乱收费吗",
            "这不是坑人吗",
            "欺负我们老百姓",
            "我不服",
        ],
        "opening": [
            "我要反映个事情，",
            "我要投诉，",
            "用户投诉：",
            "客户不满：",
            "投诉：",
            "我就是想问问你们，",
            "",
        ],
    },
    "hazard": {
        "danger": [
            "{line}{pole}号杆的线断了一根，掉在{spot}",
            "电线被风刮断，一头落在{spot}",
            "有根线吊下来，离地只有一人高",
            "{spot}的电线垂下来了，快挨到地了",
            "断了的线搭在{spot}的铁丝网上",
            "线掉在{spot}，还在滋滋响",
            "电线断了掉在{animal}圈边上，{animal}关在里面",
            "放{animal}的坡上掉了一根电线",
            "{animal}就在断线旁边吃草",
            "一根电线落在{shed}顶上",
            "打雷过后{equipment}一直在打火",
            "雷劈了以后{equipment}上面闪火花",
            "刚才一个炸雷，{equipment}那里冒火星子",
            "雷雨过后{equipment}噼噼啪啪响，还有蓝光",
            "下雨以后{equipment}的接头在打火",
            "{equipment}在冒烟",
            "{equipment}着火了",
            "{equipment}烧起来了，火苗老高",
            "{equipment}那里一股焦糊味，还在冒烟",
            "{spot}那根电杆歪了，斜得厉害",
            "电杆被车撞了，裂开了",
            "雨水把电杆根脚冲空了，杆子在晃",
            "一根电杆倒在{spot}",
            "{kid}爬到{equipment}上面去了",
            "{kid}在断了的线旁边玩",
            "有人被电打了一下，手都麻了",
            "{animal}碰到{equipment}被电倒了",
            "{equipment}泡在水里了",
            "大水漫进配电房了",
            "河水涨上来，{equipment}快被淹了",
        ],
        "urge": [
            "赶紧来人",
            "怕出人命",
            "太危险了",
            "人都不敢过",
            "快来处理",
            "娃娃要放学了",
            "我们在旁边守着，不让人靠近",
            "已经把路拦起来了",
            "电还没断",
            "请马上派人",
            "",
        ],
        "opening": ["", "喂，", "{village}{group}组报：", "紧急：", "有个危险情况，", "你们快来，"],
    },
    "fault_repair": {
        # After a storm most calls are outages, not dangers: the hazard parts' thunder and
        # transformers are said here too, without the sparks or smoke that make a hazard.
        "storm_outage": [
            "打雷以后{equipment}那里响了一声，就没电了",
            "雷雨过后全组都停电了",
            "昨晚一个炸雷，家里就黑起了",
            "刮了一夜大风，早上起来没电",
            "下暴雨以后{group}组的电就没来过",
            "打雷把家里的空开打跳了，推不上去",
            "雷打了以后电表不走了，家里没电",
        ],
        "calm": [
            "没看到打火",
            "也没冒烟",
            "线都好好的",
            "不晓得是哪里的问题",
            "",
        ],
        "outage": [
            "{time}就停电了",
            "家里没电了",
            "全组都黑起了",
            "跳闸了，推不上去",
            "停了{hours}个钟头了",
            "一点电都没得",
            "电一会来一会走",
        ],
        "medical_need": [
            "家里老人要吸氧，{medical}用不成了",
            "我妈在家做腹膜透析，机器要用电",
            "屋头有个瘫在床上的病人，{medical}停了",
            "老伴离不开{medical}",
            "家里病人靠{medical}过日子",
            "我爹刚出院，在家用{medical}",
        ],
        "request": [
            "麻烦优先来修",
            "请快点",
            "{medical}的电池只撑得了{hours}个钟头",
            "求你们快点来电",
            "麻烦派人来看看",
            "",
        ],
    },
    "praise": {
        "remembered": [
            "上次{past_danger}",
            "那回{past_danger}",
            "前些天停电",
            "去年冬天下大雪把线压断了",
            "{time}停电",
            "上个月我家老人的{medical}停了电",
            "我家表箱烧了那次",
            "过年那天线路出了问题",
            "那天打雷把变压器打坏了",
        ],
        "deed": [
            "你们半夜就赶来了",
            "师傅冒着雨修了好几个钟头",
            "{surname}师傅一个电话就来了",
            "没多久就修好了",
            "处理得很及时",
            "师傅们走山路扛着材料上来",
            "你们连夜抢修",
            "第二天一早就来了",
        ],
        "thanks": [
            "真是感谢",
            "给你们点个赞",
            "太谢谢了",
            "我们全家都感谢你们",
            "要表扬{surname}师傅",
            "想给你们送面锦旗",
            "你们辛苦了",
            "村里人都说你们好",
            "专门打电话来谢谢你们",
        ],
    },
    "new_connection": {
        "project": [
            "我在{far_place}搞了个{farm}",
            "{farm}建在山上，离最近的电杆{distance}",
            "房顶上装了{n}块太阳能板",
            "屋顶想装光伏板",
            "家里装了太阳能发电",
            "地里新打了一口机井",
            "{shed}想单独装一块表",
            "新修的{place}",
            "在{village}租了块地种{crop}，地里要用电",
            "我们合作社的{farm}",
            "{shed}离家远，想单独接电",
            "新盖了一间{shed}",
            "{farm}那边还没有电线，最近的杆子在{distance}外",
            "在{far_place}开了个{farm}，附近一根电杆都没得",
            "线路没有通到{far_place}，我的{farm}就在那里",
        ],
        "ask": [
            "想接电过去",
            "想把电拉过去",
            "要申请通电",
            "咋个申请",
            "能不能给我们拉条线",
            "发的电想卖给国家",
            "想接到电网上",
            "想并网",
            "要办哪些手续",
            "要装个表",
            "费用咋个算",
            "要多久才能通上电",
        ],
    },
    "business": {
        "who": ["我家{kin}", "我", "我们家", "{surname}家", "我家{kin}他"],
        "errand": [
            "要办过户手续",
            "想把户名改成自己的",
            "要改联系电话",
            "想销户",
            "要暂停用电",
            "想把表换个地方",
            "要改成峰谷电价",
            "想办银行代扣",
            "要补办购电卡",
            "想分户",
        ],
        "after": ["", "要带哪样", "能不能在村里办", "今天能不能办", "你们几点上班"],
    },
    "billing": {
        "whose": [
            "户号{account}，",
            "我家",
            "帮我妈查下，她家",
            "{village}{group}组{surname}某家",
            "",
        ],
        "question": [
            "这个月用了好多度",
            "还欠好多钱",
            "余额还剩好多",
            "交的{amount}块到账没有",
            "上个月的电费是好多",
            "是不是欠费了，手机上收到个短信",
            "电费单能不能寄一张",
            "今年交了好多电费",
            "扣费扣的是哪张卡",
            "电费咋个比平时多了{amount}块，帮我查查",
        ],
    },
    "suggestion": {
        "opener": ["建议", "希望", "能不能", "提个意见，", "我们村里人觉得", "最好"],
        "idea": [
            "停电前三天在群里发个通知",
            "在村委会放个交费的机子",
            "抢修电话写在每根杆子上",
            "换表的时候先跟老人讲清楚",
            "检修放在不忙的时候",
            "营业厅中午也留个人",
            "给山上的几户换粗一点的线",
            "每年来村里讲一次安全用电",
            "把{village}那段老线换掉",
            "电费短信写得简单点",
        ],
        "why": ["", "方便大家", "老人看不懂手机", "这样大家少跑路", "仅供参考", "我们都这么想"],
    },
    "consultation": {
        "lead": ["想问一下，", "问哈，", "请问", "咨询一下，", "有个事想问，", ""],
        "topic": [
            "打雷的时候用电器会不会被电到",
            "家里电线老了会不会着火",
            "电热毯开一夜安不安全",
            "{kid}在家怎么防止触电",
            "下雨天{shed}里用电要注意哪样",
            "光伏补贴现在还有没有",
            "村里的线路改造排到哪年",
            "明天检修停电停到几点",
            "漏电开关老跳是咋个回事",
            "{appliance}要用多大的线",
            "电价分几档",
            "抄表是每个月哪天",
        ],
    },
}

# Which parts, in which order, for each category; the first part names the group.
FRAMES: dict[str, list[tuple[str, ...]]] = {
    # A wrong bill or a burnt appliance said alone is a question or a fault; with a grievance or
    # an opening that complains it is a complaint.
    "complaint": [
        (matter, *rest)
        for matter in ("outage_loss", "bill_wrong", "staff_manner", "voltage_damage", "slow")
        for rest in (("grievance",), ("grievance", "opening*"), ("opening*",))
    ]
    + [("works_damage", "grievance"), ("outage_loss",), ("staff_manner",), ("slow",)],
    "hazard": [("danger", "urge"), ("danger", "opening*")],
    "fault_repair": [
        ("medical_need", "outage", "request"),
        ("outage", "medical_need", "request"),
        ("storm_outage", "calm", "request"),
    ],
    "praise": [("remembered", "deed", "thanks"), ("deed", "thanks")],
    "new_connection": [("project", "ask"), ("project", "ask", "ask")],
    "business": [("errand", "who", "after")],
    "consultation": [("topic", "lead*")],
    "billing": [("question", "whose*")],
    "suggestion": [("idea", "opener*", "why")],
}


# How a request or a report turns into a complaint (about the way it was handled) or praise
# (for it): said after what the caller asked for, in the words of any other category.
ABOUT: dict[str, dict[str, list[str]]] = {
    "complaint": {
        "any": [
            "说了{days}次都没人理",
            "等了半个月，一点消息都没有",
            "拖了一个多月还没弄",
            "你们互相推，哪个都不管",
            "上次答应好的，到现在没兑现",
            "问了三个人三个说法",
            "你们办事太拖拉了",
            "打了{days}个电话，一个说法都没有",
        ],
        "money": [
            "收了我的冤枉钱",
            "这个钱收得不明不白",
            "多收的钱到现在没退",
            "跑了{days}趟都没办好",
            "营业厅的人爱理不理",
        ],
    },
    "praise": {
        "any": [
            "你们一天就办好了，谢谢",
            "师傅很耐心，感谢",
            "比我想的快多了，给你们点赞",
            "办得又快又好，表扬一下",
            "你们上门来办的，太感谢了",
        ],
    },
}
# The categories whose cores a complaint or praise is about, and the tails that fit them.
ABOUT_CATEGORIES = {
    "business": ("any", "money"),
    "billing": ("any", "money"),
    "new_connection": ("any", "money"),
    "fault_repair": ("any",),
    "consultation": ("any",),
}


def about(rng: random.Random, category: str, cores: dict[str, list[str]]) -> tuple[str, str]:
    """A complaint or praise about a request of another kind: "要改户名，跑了三趟都没办好"."""
    matter = rng.choice(sorted(ABOUT_CATEGORIES))
    index = rng.randrange(len(cores[matter]))
    kinds = ABOUT_CATEGORIES[matter] if category == "complaint" else ("any",)
    tails = [tail for kind in kinds for tail in ABOUT[category].get(kind, [])]
    core, tail = cores[matter][index], rng.choice(tails)
    text = rng.choice(
        [f"{core}，{tail}", f"为了{core}的事，{tail}", f"{tail}：{core}", f"{core}，结果{tail}"]
    )
    return text, f"{category}/about:{matter}/{index}"


def compose(rng: random.Random, category: str) -> tuple[str, str]:
    """A note of ``category`` put together from parts, and the group it belongs to."""
    frame = rng.choice(FRAMES[category])
    parts = PARTS[category]
    said: list[str] = []
    lead = ""
    group = ""
    for name in frame:
        if name.endswith("*"):  # an opening, put before the rest
            lead = rng.choice(parts[name[:-1]])
            continue
        index = rng.randrange(len(parts[name]))
        while parts[name][index] in said:  # a part asked for twice says two things
            index = rng.randrange(len(parts[name]))
        if not group:
            group = f"{category}/{name}:{index}"
        said.append(parts[name][index])
    if category == "business":  # "我家小孩" + "要办过户手续"
        errand, who, after = said
        said = [who + errand, after]
    elif category == "consultation":
        said = [said[0] + rng.choice(["？", "", "呢", "哦"])]
    elif category == "suggestion":  # "建议" + "在村委会放个交费的机子"
        text = lead + said[0]
        return (text + "，" + said[1] if said[1] else text), group
    text = lead + "，".join(piece for piece in said if piece)
    if said and rng.random() < 0.5 and category == "complaint" and len(said) == 2:
        text = lead + said[1] + "！" + said[0]  # the grievance first, then what happened
    return text, group
