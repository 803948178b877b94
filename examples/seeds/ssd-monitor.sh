# Seed 001: a DaemonSet for the nodes labelled disk=ssd; its pods print "SSD OK" every 5 s.
kubectl create -f ssd-monitor-daemonset.yaml
kubectl get daemonsets
kubectl get pods
kubectl label node worker-3 disk=ssd
sim advance 2s
kubectl get pods
sim advance 20s
kubectl logs -l app=ssd-monitor
kubectl label node worker-3 disk=hdd --overwrite
sim advance 1s
kubectl get pods
