"""Folium elements of the atlas: one module, one template and one script each."""

from .atlas_layers import AtlasLayers
from .controls import AtlasControl

__all__ = ["AtlasLayers", "AtlasControl"]
