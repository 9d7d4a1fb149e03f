import RoleConsole
print(RoleConsoleInfo.name)
