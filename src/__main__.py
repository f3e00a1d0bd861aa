from summit_connector.entrypoints.cli import run

run()
