import RehabCore
