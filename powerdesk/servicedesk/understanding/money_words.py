"""The words of money the readings listen for, named once: a note about money alone
(``money.money_only``) and a machine named only for what its power costs
(``medical_none.cost_only``) read the same words, so that the two cannot drift apart.
"""

from __future__ import annotations

# The bill, paying and the balance ("电费", "交费在哪交", "余额").
BILL = r"电费|交费|缴费|充值|充电费|欠费|余额|账单|收费|退费"
# The rates ("电价", "峰谷", "阶梯").
RATES = r"电价|峰谷|阶梯"
# A price asked ("多少钱一度", and as the hills and the south say it: "几多钱", "好多钱").
PRICE = r"多少钱|几多钱|好多钱"
# Less asked for: a cheaper rate, a discount, help ("能不能办个便宜点的电价", "有没有减免").
LESS = r"优惠|补贴|减免|少收|打折|便宜"
# ... and in English.
ENGLISH = r"\bbills?\b|\bcharges?\b|\btariffs?\b|\brates?\b|\bpay(?:ment|ing)?\b|\bbalance\b"

# Money named: the bill, the rates, a price, in Chinese or English (``money_only``).
MONEY = "|".join((BILL, RATES, PRICE, ENGLISH))
# What a power's cost is asked or said ("电费多少", "正常吗", "咋个这么多", "太高"): how much,
# whether it is right, too much, the rates, less (``cost_only``).
COST_ASKED = "|".join(
    (
        r"多少|几多|正常吗|正不正常|核算|电费[^，。,.]{0,4}(高|多了|贵|涨|怎么算)"
        r"|这么多|那么多|太高|偏高",
        PRICE,
        RATES,
        LESS,
    )
)
