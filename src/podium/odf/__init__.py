"""ODF, the IOC's Olympic Data Feed, coming in: messages parsed safely (`message`), their codes
mapped to Podium's Games, events and athletes (`codes`), and the feed's rules applied
(`feed`): versions, partial updates, cancellations, medals into the ledger through the desk,
and full results beside them (`results`, for the pages). The SQL is `odf.store`'s; `replay`
writes a Games as the messages a results system would have sent."""

from podium.odf.feed import Feed, Outcome
from podium.odf.message import Message, OdfError, parse

__all__ = ["Feed", "Message", "OdfError", "Outcome", "parse"]
