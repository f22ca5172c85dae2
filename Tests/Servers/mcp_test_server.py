"""An MCP server over stdio for the MCP client's tests, on the official `mcp` package (Tests/Integration/requirements.txt).

Tools: `add(a, b)`, `weather(city, units=None)` (async), `fail(reason)` (raises), `die()` (the process exits in
the middle of the call), `sleep(seconds)`.
"""
import asyncio
import os
import typing

from mcp.server.mcpserver import MCPServer

server = MCPServer("swift-dspy-test")


@server.tool()
def add(a: int, b: int) -> int:
    """Add two integers."""
    return a + b


@server.tool()
async def weather(city: str, units: typing.Optional[str] = None) -> str:
    """Current weather in a city."""
    await asyncio.sleep(0)
    return f"Sunny in {city}" + (f" ({units})." if units else ".")


@server.tool()
def fail(reason: str) -> str:
    """Always fails."""
    raise ValueError(f"failed on purpose: {reason}")


@server.tool()
def die() -> str:
    """Ends the server in the middle of the call."""
    os._exit(3)


@server.tool()
async def sleep(seconds: float) -> str:
    """Answers after `seconds`."""
    await asyncio.sleep(seconds)
    return "awake"


if __name__ == "__main__":
    server.run("stdio")
