print("talentwatch")
