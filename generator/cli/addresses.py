"""Where ``scopesite serve`` listens, checked before anything is built."""

from __future__ import annotations

import ipaddress
import socket
import sys

import click

from generator.site.os_errors import cannot_serve


def free_address(context: click.Context, parameter: click.Parameter, value: str) -> str:
    """Serve's address, checked before the first build: a mistyped address or a busy
    port is said at once, not after a whole build and in a traceback."""
    host, _, port = value.rpartition(":")
    bare = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    try:  # what MkDocs accepts: an IP address or localhost
        family = socket.AF_INET if bare == "localhost" else _family(ipaddress.ip_address(bare))
    except ValueError:
        raise click.BadParameter(
            f"'{value}' is not an address such as 127.0.0.1:8000 (IP address:port)"
        ) from None
    if not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise click.BadParameter(f"port '{port}' is not a number from 1 to 65535")
    with socket.socket(family) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as MkDocs' server does
        try:
            probe.bind((bare, int(port)))
        except OSError as error:
            click.echo(f"error: {cannot_serve(value, error)}", err=True)
            sys.exit(1)
    return value


def _family(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> socket.AddressFamily:
    return socket.AF_INET6 if address.version == 6 else socket.AF_INET
