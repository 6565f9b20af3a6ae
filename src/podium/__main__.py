from podium.cli import app

app()
