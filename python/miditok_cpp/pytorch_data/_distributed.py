"""Which share of a dataset a process holds under DDP: the rank and world size from explicit
arguments, else from ``torch.distributed`` when it is initialised and splitting was asked for."""

from __future__ import annotations

import torch.distributed as dist


def rank_and_world_size(
    split_by_rank: bool, rank: int | None = None, world_size: int | None = None
) -> tuple[int, int]:
    """(rank, world_size): the explicit pair, else torch.distributed's when ``split_by_rank``
    and it is initialised, else (0, 1)."""
    if rank is not None or world_size is not None:
        if rank is None or world_size is None:
            msg = "give both rank and world_size (or neither)"
            raise ValueError(msg)
        if world_size < 1 or not 0 <= rank < world_size:
            msg = f"rank {rank} is not in [0, world_size={world_size})"
            raise ValueError(msg)
        return rank, world_size
    if split_by_rank and dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def contiguous_share(n: int, rank: int, world_size: int) -> range:
    """The indexes [n * rank // world_size, n * (rank + 1) // world_size) of rank's share."""
    return range(n * rank // world_size, n * (rank + 1) // world_size)
