@_exported import LooseJSON
