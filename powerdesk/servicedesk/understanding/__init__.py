"""Understanding a call from its Chinese text: its category and whether it is urgent.

Pure Python with jieba and scikit-learn; nothing here imports Django.
"""
