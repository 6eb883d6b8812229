"""The settlement when a tilbud closes: preliminary and final statements per paying
municipality, with the engine's trace."""
