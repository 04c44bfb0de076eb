from everthread.cli import main

main()
