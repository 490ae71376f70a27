"""Folium plugins of the atlas, one module and one template each (as folium's own plugins are)."""

from .atlas_layers import AtlasLayers

__all__ = ["AtlasLayers"]
