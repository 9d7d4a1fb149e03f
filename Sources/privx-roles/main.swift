print("privx-roles")
