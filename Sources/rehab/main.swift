print("rehab")
