from podium.cli import app

# guarded: a process the server spawns (the projection column) imports this module again
if __name__ == "__main__":
    app()
