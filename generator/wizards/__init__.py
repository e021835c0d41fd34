"""wizards"""
